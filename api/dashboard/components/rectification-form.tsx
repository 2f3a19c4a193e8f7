import { Form, SubmitButton, TextareaField, type FormState } from './forms.js';

/**
 * The enterprise's rectification evidence form for an open hazard (nothing once submitted or
 * closed). `from` says which page to return to: the enterprise home or the hazard page.
 */
export function RectificationForm(props: {
  csrfToken: string;
  hazard: { id: string; version: number; status: string };
  from: 'home' | 'hazard';
  state?: FormState;
}) {
  const { hazard, state } = props;
  if (hazard.status !== 'open' && hazard.status !== 'rectifying') return null;
  return (
    <Form
      action={`/dashboard/hazards/${hazard.id}/submissions`}
      csrfToken={props.csrfToken}
      id="evidence"
      class="rectify"
    >
      <input type="hidden" name="version" value={String(hazard.version)} />
      <input type="hidden" name="from" value={props.from} />
      <TextareaField
        id={`description-${hazard.id}`}
        name="description"
        label="整改情况说明"
        required
        state={state}
      />
      <TextareaField
        id={`attachments-${hazard.id}`}
        name="attachments"
        label="整改证明材料链接（可选，每行一个：名称 空格 链接）"
        placeholder="整改照片 https://files.example.com/photo.jpg"
        state={state}
      />
      <SubmitButton>提交整改材料</SubmitButton>
    </Form>
  );
}
