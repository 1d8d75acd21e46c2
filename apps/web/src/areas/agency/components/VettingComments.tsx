import { useTranslation } from 'react-i18next';
import { vettingCommentEntries } from './vettingOutcome';

/** The comments of the last return by vetting, per field, as given by GET scenarios/:id. */
export function VettingComments({ comments }: { comments?: Record<string, string> | null }) {
  const { t } = useTranslation();
  const entries = vettingCommentEntries(comments);
  if (!entries.length) return <>{t('agency.editor.returnedNoComments')}</>;
  return (
    <>
      <div>{t('agency.editor.returnedWithComments')}</div>
      <ul style={{ margin: 0, paddingInlineStart: 18 }} aria-label={t('agency.editor.vettingCommentsList')}>
        {entries.map(([field, text]) => (
          <li key={field} className="wrap-anywhere">
            <strong>{t(`agency.fields.${field}`, { defaultValue: field })}</strong>：{text}
          </li>
        ))}
      </ul>
    </>
  );
}
