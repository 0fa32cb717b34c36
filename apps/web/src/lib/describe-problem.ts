import type { Problem } from './problem';
import { type Advice, adviceFor } from './refusals';

/** A failed read as the error view shows it. */
export interface ProblemView {
  title: string;
  text: string;
  link?: Advice['link'];
  /** An outage: the view offers "Try again". */
  retryable: boolean;
}

export interface Subject {
  /** What failed to load, as a sentence starts: "This order", "Your orders", "The catalog". */
  name: string;
  /** What to say when it does not exist. */
  notFound?: { title: string } & Advice;
}

export function describeProblem(problem: Problem, subject: Subject): ProblemView {
  switch (problem.kind) {
    case 'not-found':
      return {
        title: subject.notFound?.title ?? `${subject.name} was not found`,
        ...(subject.notFound ?? adviceFor(problem.reason, { details: problem.details })),
        retryable: false,
      };
    case 'signed-out':
      return {
        title: 'Your session ended',
        text: `Sign in again with your wallet to see ${subject.name.replace(/^(This|The|Your)\b/, (w) => w.toLowerCase())}.`,
        retryable: false,
      };
    case 'refused':
      return {
        title: `${subject.name} could not be loaded`,
        ...adviceFor(problem.reason, { details: problem.details }),
        retryable: true,
      };
    case 'unavailable':
      return {
        title: `${subject.name} could not be loaded`,
        text: 'The shop did not answer just now. This is on our side, not yours: try again in a moment.',
        retryable: true,
      };
  }
}
