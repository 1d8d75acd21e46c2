import { formatDateTime } from '../../../components/format';

const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})/g;

/** An API message with its ISO timestamps ("2026-12-04T21:14:28.988Z") shown as local date and time. */
export function humaniseDates(message: string): string {
  return message.replace(ISO_INSTANT, (iso) => formatDateTime(iso));
}
