import { HAZARD_SOURCES, PROBLEM_TYPES, SEVERITIES } from '../../../domain/labels.js';
import { DateField, SelectField, TextareaField, TextField, type FormState } from './forms.js';

// The fields that describe a hazard on the problem list (问题清单), shared by the hazard form,
// the edit form and each failed item of an on-site inspection. `prefix` names the fields after
// the contract's path (e.g. `items.2.hazard.`), so a rejected field's error lands beside it.

export const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

export function HazardFields(props: {
  prefix?: string;
  state?: FormState;
  values?: Record<string, string | undefined>;
  /** The deadline field (not on the edit form: a deadline changes only by 延期). */
  deadline?: boolean;
  /** Whether the fields must be filled (an inspection item's are required only when failed). */
  required?: boolean;
  /** A hint for the problem description field. */
  descriptionLabel?: string;
}) {
  const p = props.prefix ?? '';
  const v = props.values ?? {};
  const id = (name: string) => `field-${(p + name).replaceAll('.', '-')}`;
  return (
    <>
      <SelectField
        id={id('problemType')}
        name={`${p}problemType`}
        label="问题类型"
        options={options(PROBLEM_TYPES)}
        blank="请选择"
        value={v.problemType}
        state={props.state}
      />
      <SelectField
        id={id('severity')}
        name={`${p}severity`}
        label="隐患等级"
        options={options(SEVERITIES)}
        value={v.severity ?? 'general'}
        state={props.state}
      />
      <TextareaField
        id={id('description')}
        name={`${p}description`}
        label={props.descriptionLabel ?? '问题描述'}
        value={v.description}
        state={props.state}
        required={props.required}
      />
      <TextField
        id={id('product')}
        name={`${p}product`}
        label="涉及产品（可选）"
        value={v.product}
        state={props.state}
      />
      <TextareaField
        id={id('measure')}
        name={`${p}measure`}
        label="整改措施"
        value={v.measure}
        state={props.state}
        required={props.required}
      />
      <TextField
        id={id('responsiblePerson')}
        name={`${p}responsiblePerson`}
        label="整改责任人"
        value={v.responsiblePerson}
        state={props.state}
        required={props.required}
      />
      {props.deadline !== false && (
        <DateField
          id={id('deadline')}
          name={`${p}deadline`}
          label="整改期限（当日 24:00 前）"
          value={v.deadline}
          state={props.state}
          required={props.required}
        />
      )}
    </>
  );
}

export const sourceOptions = options(HAZARD_SOURCES);
