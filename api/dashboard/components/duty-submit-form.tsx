import type { LedgerEntry, StatisticsTable } from '../../services/reporting/statistics.js';
import {
  CheckboxField,
  FileField,
  Form,
  SubmitButton,
  TextareaField,
  issuesAt,
  type FormState,
} from './forms.js';
import { StatisticsTableView } from './statistics-table.js';

// The 报送 form of a duty (anchor #submit): the monthly table as it will be frozen and the
// month's typical cases (or 本月无典型案例); the summaries' text and files; a reason when it is a
// new version. Posted as multipart/form-data to the same service as the JSON API.

export const ACCEPTED_FILES =
  '.doc,.docx,.pdf,.ofd,.png,.jpg,.jpeg,.gif,.webp,.heic,.heif,.xls,.xlsx';

export interface SubmitPreview {
  statistics: StatisticsTable | null;
  typicalCases: LedgerEntry[];
}

export function DutySubmitForm(props: {
  dutyId: string;
  kind: string;
  csrfToken: string;
  resubmission: boolean;
  preview: SubmitPreview;
  state?: FormState;
}) {
  const { preview, state } = props;
  const monthly = props.kind === 'monthly_statistics';
  // A rejected form keeps which cases were ticked (`typicalCaseIds` joined by commas).
  const kept = state?.values ? (state.values.typicalCaseIds ?? '').split(',') : undefined;
  const caseMessages = issuesAt(state?.issues, 'typicalCaseIds');
  return (
    <Form
      action={`/dashboard/duties/${encodeURIComponent(props.dutyId)}/submissions`}
      csrfToken={props.csrfToken}
      multipart
    >
      {preview.statistics && (
        <>
          <h3>{monthly ? '月度统计表（报送时按此冻结）' : '全年统计表（报送时按此冻结）'}</h3>
          <StatisticsTableView table={preview.statistics} />
        </>
      )}
      {monthly && (
        <>
          <h3>本月典型案例</h3>
          {caseMessages.map((m) => (
            <div class="flash err small field-error">{m}</div>
          ))}
          {preview.typicalCases.length === 0 ? (
            <p class="muted">本单位本月没有标记为典型案例的案件。</p>
          ) : (
            preview.typicalCases.map((c) => (
              <label class="checkbox">
                <input
                  type="checkbox"
                  name="typicalCaseIds"
                  value={c.id}
                  checked={kept ? kept.includes(c.id) : true}
                />{' '}
                {c.title}
                {c.enterpriseName && `（${c.enterpriseName}）`}
              </label>
            ))
          )}
          <CheckboxField name="noTypicalCases" label="本月无典型案例" state={state} />
        </>
      )}
      {!monthly && (
        <>
          <TextareaField name="text" label="总结正文" state={state} />
          <FileField
            name="files"
            label="附件（Word、PDF、图片、OFD，可多选）"
            accept={ACCEPTED_FILES}
            multiple
            state={state}
          />
        </>
      )}
      {props.resubmission && (
        <TextareaField name="reason" label="更正原因（重新报送必填）" required state={state} />
      )}
      <SubmitButton>{props.resubmission ? '重新报送' : '确认报送'}</SubmitButton>
    </Form>
  );
}
