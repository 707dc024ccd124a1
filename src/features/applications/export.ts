import type { LoadedApplication } from './load';
import type { AnswerRecord } from './store';

/** Everything in the application as data: the company's own copy, and the start of open data later. */
export function applicationExport(loaded: LoadedApplication, answers: ReadonlyMap<string, AnswerRecord>) {
  const { application, product, version } = loaded;
  return {
    format: 'trustmark-application/1',
    application: {
      id: application.id,
      status: application.status,
      criteriaVersion: version.version,
      createdAt: application.created_at,
      submittedAt: application.submitted_at,
    },
    product: {
      name: product.name,
      category: product.category,
      modelNumbers: product.model_numbers.split('\n'),
      webPage: product.web_page_url,
      description: product.description,
      firmwareVersion: product.firmware_version,
      securityUpdatesUntil: product.support_end_date,
    },
    answers: version.criteria.map((criterion) => {
      const answer = answers.get(criterion.id);
      return {
        criterion: criterion.id,
        dimension: criterion.dimension,
        level: criterion.level,
        question: criterion.texts['en']?.question,
        status: answer?.status ?? null,
        explanation: answer?.explanation ?? '',
        needsConfirmation: answer?.needsConfirmation ?? false,
        links: (answer?.links ?? []).map((link) => ({ url: link.url, title: link.title })),
        documents: (answer?.files ?? []).map((file) => ({
          name: file.file_name,
          type: file.content_type,
          bytes: file.size_bytes,
        })),
      };
    }),
  };
}
