// A lookup as CekDulu's own pages show it: its answer says the minute of its data
// (result-view.ts describeCheckAt). Apart from api-answer.ts, which the widget
// bundles: embed.js keeps describeCheck's day (no bytes left for the minute).
import type { CheckResponse } from '../../../worker/core/api-types.ts';
import type { Lang } from '../../../worker/core/lang.ts';
import { describeCheckAt, type ResultView } from '../../../worker/presentation/result-view.ts';
import { apiInit, describeAnswer } from './api-answer.ts';

/** A lookup through GET /api/v1/check on CekDulu's own origin. */
export const siteCheckView = (query: URLSearchParams, lang: Lang, signal: AbortSignal): Promise<ResultView> =>
  describeAnswer(fetch(`/api/v1/check?${query}`, apiInit(lang, signal)), lang, (body: CheckResponse) => describeCheckAt(body, lang));
