import type { getHazard } from '../../services/records/hazards.js';
import type { PageContext } from '../page.js';
import { describeDeadline } from '../queries.js';
import { DateField, Form, TextareaField, type FormState } from './forms.js';

// The officer's forms on a hazard page: 核查 (#verify) while a submission awaits verification,
// and 延长整改期限 (#extend) while the hazard is not closed. The services decide who may.

type Hazard = Awaited<ReturnType<typeof getHazard>>;

export function HazardOfficerForms(props: {
  ctx: PageContext;
  hazard: Hazard;
  campaign: PageContext['campaign'];
  states?: { verify?: FormState; extend?: FormState };
}) {
  const { ctx, hazard, campaign, states } = props;
  const pending = hazard.submissions.filter((s) => s.status === 'pending').at(-1);
  const version = String(hazard.version);
  return (
    <>
      {hazard.status === 'submitted' && (
        <section id="verify">
          <h2>核查整改材料</h2>
          {pending && (
            <p class="small">
              待核查的整改情况说明：<b>{pending.description}</b>
            </p>
          )}
          <Form
            action={`/dashboard/hazards/${hazard.id}/verify`}
            csrfToken={ctx.csrfToken}
            class="verify"
          >
            <input
              type="hidden"
              name="version"
              value={states?.verify?.values?.version ?? version}
            />
            <TextareaField
              id="verify-note"
              name="note"
              label="核查意见（退回时必填）"
              state={states?.verify}
            />
            <DateField
              id="verify-deadline"
              name="newDeadline"
              label="重新设定整改期限（仅退回时，可选）"
              state={states?.verify}
            />
            <button class="primary" type="submit" name="decision" value="accept">
              核查通过（销号）
            </button>
            <button class="primary reject" type="submit" name="decision" value="reject">
              退回
            </button>
          </Form>
        </section>
      )}
      {hazard.status !== 'closed' && (
        <section id="extend">
          <h2>延长整改期限</h2>
          <p class="small muted">
            当前整改期限：{describeDeadline(campaign, new Date(hazard.deadline))}
          </p>
          <Form
            action={`/dashboard/hazards/${hazard.id}/extend`}
            csrfToken={ctx.csrfToken}
            class="extend"
          >
            <input
              type="hidden"
              name="version"
              value={states?.extend?.values?.version ?? version}
            />
            <DateField
              id="extend-deadline"
              name="deadline"
              label="新的整改期限"
              required
              state={states?.extend}
            />
            <TextareaField
              id="extend-reason"
              name="reason"
              label="延期理由"
              required
              state={states?.extend}
            />
            <button class="primary" type="submit">
              延长整改期限
            </button>
          </Form>
        </section>
      )}
    </>
  );
}
