import type { Child } from 'hono/jsx';
import type { FieldIssue } from '../../contracts/common.js';
import type { ErrorBody } from '../../lib/errors.js';

// Forms and their fields. A rejected submission is rendered again with what was typed (values)
// and the API's field issues ({ path, message }, Chinese) beside the fields they concern.

/** What a form shows after the server rejected it; an empty state for a fresh form. */
export interface FormState {
  values?: Record<string, string | undefined>;
  issues?: FieldIssue[];
}

/** The form state for a rejected post: the posted strings, and the issues of the API error body. */
export function rejectedForm(values: Record<string, string | undefined>, error?: ErrorBody) {
  return { values, issues: error?.error.issues ?? [] } satisfies FormState;
}

/** Messages of the issues at a field: its own path or a path below it (`attachments.0.url`). */
export function issuesAt(issues: FieldIssue[] | undefined, name: string): string[] {
  return (issues ?? [])
    .filter((i) => i.path === name || i.path.startsWith(`${name}.`))
    .map((i) => i.message);
}

/** A post form that always carries the session's CSRF token. */
export function Form(props: {
  action: string;
  csrfToken: string;
  /** The anchor a reminder's link points at (#verify, #submit …). */
  id?: string;
  class?: string;
  /** multipart/form-data for file fields. */
  multipart?: boolean;
  children?: Child;
}) {
  return (
    <form
      method="post"
      action={props.action}
      id={props.id}
      class={props.class}
      enctype={props.multipart ? 'multipart/form-data' : undefined}
    >
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      {props.children}
    </form>
  );
}

interface FieldProps {
  name: string;
  label: string;
  /** The value shown on a fresh form; a kept value from `state` wins. */
  value?: string;
  state?: FormState;
  /** Unique id when the same form appears several times on a page. */
  id?: string;
  required?: boolean;
  placeholder?: string;
}

const fieldId = (p: FieldProps) => p.id ?? `field-${p.name}`;
const keptValue = (p: FieldProps) => p.state?.values?.[p.name] ?? p.value ?? '';

/** Label, then the field's error messages, then the control (marked invalid when in error). */
function FieldFrame(props: FieldProps & { control: (invalid: boolean, errorId: string) => Child }) {
  const id = fieldId(props);
  const messages = issuesAt(props.state?.issues, props.name);
  return (
    <>
      <label for={id}>{props.label}</label>
      {messages.map((message) => (
        <div class="flash err small field-error" id={`${id}-error`}>
          {message}
        </div>
      ))}
      {props.control(messages.length > 0, `${id}-error`)}
    </>
  );
}

const invalidAttributes = (invalid: boolean, errorId: string) =>
  invalid ? { 'aria-invalid': 'true', 'aria-describedby': errorId } : {};

function InputField(props: FieldProps & { type: string; step?: string; min?: string }) {
  return (
    <FieldFrame
      {...props}
      control={(invalid, errorId) => (
        <input
          id={fieldId(props)}
          name={props.name}
          type={props.type}
          value={keptValue(props)}
          required={props.required}
          placeholder={props.placeholder}
          step={props.step}
          min={props.min}
          {...invalidAttributes(invalid, errorId)}
        />
      )}
    />
  );
}

export const TextField = (props: FieldProps) => <InputField {...props} type="text" />;

/** A calendar date, YYYY-MM-DD. */
export const DateField = (props: FieldProps) => <InputField {...props} type="date" />;

/** A local date and time, YYYY-MM-DDTHH:mm (China time; the contract converts). */
export const DateTimeField = (props: FieldProps) => <InputField {...props} type="datetime-local" />;

export const NumberField = (props: FieldProps & { step?: string; min?: string }) => (
  <InputField {...props} type="number" />
);

export function TextareaField(props: FieldProps) {
  return (
    <FieldFrame
      {...props}
      control={(invalid, errorId) => (
        <textarea
          id={fieldId(props)}
          name={props.name}
          required={props.required}
          placeholder={props.placeholder}
          {...invalidAttributes(invalid, errorId)}
        >
          {/* HTML drops one newline right after <textarea>: keep a value's own first newline. */}
          {`\n${keptValue(props)}`}
        </textarea>
      )}
    />
  );
}

export function SelectField(
  props: FieldProps & { options: { value: string; label: string }[]; blank?: string },
) {
  const selected = keptValue(props);
  return (
    <FieldFrame
      {...props}
      control={(invalid, errorId) => (
        <select
          id={fieldId(props)}
          name={props.name}
          required={props.required}
          {...invalidAttributes(invalid, errorId)}
        >
          {props.blank !== undefined && <option value="">{props.blank}</option>}
          {props.options.map((o) => (
            <option value={o.value} selected={o.value === selected}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/**
 * A checkbox posts its value only when ticked. A rejected form keeps its tick: `state.values`
 * holds the field (any value) when it was ticked; without a state, `checked` decides.
 */
export function CheckboxField(props: Omit<FieldProps, 'value'> & { checked?: boolean }) {
  const id = fieldId(props);
  const messages = issuesAt(props.state?.issues, props.name);
  const checked = props.state?.values
    ? props.state.values[props.name] !== undefined
    : props.checked;
  return (
    <>
      <label for={id} class="checkbox">
        <input
          id={id}
          name={props.name}
          type="checkbox"
          value="true"
          checked={checked}
          {...invalidAttributes(messages.length > 0, `${id}-error`)}
        />{' '}
        {props.label}
      </label>
      {messages.map((message) => (
        <div class="flash err small field-error" id={`${id}-error`}>
          {message}
        </div>
      ))}
    </>
  );
}

/**
 * A file upload (the form must be `multipart`). Browsers never refill a file input, so after a
 * rejection the field says so instead of keeping the value.
 */
export function FileField(
  props: Omit<FieldProps, 'value'> & { accept?: string; multiple?: boolean },
) {
  const rejected = props.state?.values !== undefined;
  return (
    <FieldFrame
      {...props}
      control={(invalid, errorId) => (
        <>
          <input
            id={fieldId(props)}
            name={props.name}
            type="file"
            accept={props.accept}
            multiple={props.multiple}
            required={props.required}
            {...invalidAttributes(invalid, errorId)}
          />
          {rejected && (
            <div class="muted small">出于安全原因，浏览器不会保留已选择的文件，请重新选择。</div>
          )}
        </>
      )}
    />
  );
}

export function SubmitButton(props: { children: string }) {
  return (
    <button class="primary" type="submit">
      {props.children}
    </button>
  );
}
