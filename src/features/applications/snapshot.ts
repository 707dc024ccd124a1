import type { AnswerRecord } from './store';

/** What a snapshot keeps of an answer: enough to show a reviewer what changed between rounds. */
export interface SnapshotAnswer {
  status: string | null;
  explanation: string;
  evidence: string[];
}

/** The answers as they are when a round starts (submission, resubmission, appeal). */
export function snapshotOf(answers: ReadonlyMap<string, AnswerRecord>): string {
  const entries = [...answers.values()].map((answer): [string, SnapshotAnswer] => [
    answer.criterionId,
    {
      status: answer.status,
      explanation: answer.explanation,
      evidence: [
        ...answer.links.map((link) => `${link.title} <${link.url}>`),
        ...answer.files.map((file) => file.file_name),
      ],
    },
  ]);
  return JSON.stringify(Object.fromEntries(entries));
}

export function parseSnapshot(json: string | undefined): Map<string, SnapshotAnswer> {
  if (!json) return new Map();
  return new Map(Object.entries(JSON.parse(json) as Record<string, SnapshotAnswer>));
}
