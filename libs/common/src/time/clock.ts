import { Global, Injectable, Module } from '@nestjs/common';

/**
 * The server's notion of "now" for rules that hinge on time (proposal deadlines, standstill periods,
 * milestones). One instance per process, so a test can move it (`jest.spyOn(clock, 'now')`) and every
 * service sees the same time.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** Provides the one Clock to every module of a process (imported once, by each app's root module). */
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
