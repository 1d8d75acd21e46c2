import { runScoringTask, type ScoringTask } from './scoring-task';

/** Piscina worker: scores in a worker thread, so CPU-heavy scoring never blocks the event loop. */
export default function score(task: ScoringTask) {
  return runScoringTask(task);
}
