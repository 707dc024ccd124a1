/**
 * The four questions a buyer should be able to answer from the consumer label, and which criteria of a
 * version answer each (criteria/vN/label.yaml). Pure data; the label's outcomes are derived in
 * registry/label-rules.ts.
 */
export const buyerQuestions = ['collects', 'stored', 'access', 'exportDelete'] as const;
export type BuyerQuestion = (typeof buyerQuestions)[number];

/** For each question, the criteria that answer it; the first is the one the label links to. */
export type BuyerQuestionMap = Record<BuyerQuestion, string[]>;
