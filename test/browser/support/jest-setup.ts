/**
 * Browser tests drive a real Chromium against the real server (database, Redis, workers): each
 * step waits on the network and on rendering, so they get far more time than the other projects.
 */
jest.setTimeout(90_000);
