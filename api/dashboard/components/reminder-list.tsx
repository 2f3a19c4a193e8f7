import { REMINDER_STATUS_NAMES } from '../../../domain/labels.js';
import type { Prisma } from '../../../prisma/generated/client.js';
import { describeInstant } from '../queries.js';

/** The reminder e-mails sent about a duty, hazard or task. */
export function ReminderList(props: { reminders: Prisma.ReminderModel[] }) {
  if (props.reminders.length === 0) return <p class="muted small">尚未发送提醒。</p>;
  return (
    <table class="reminders">
      <thead>
        <tr>
          <th>提醒邮件</th>
          <th>收件人</th>
          <th>抄送</th>
          <th>发送时间</th>
        </tr>
      </thead>
      <tbody>
        {props.reminders.map((r) => (
          <tr>
            <td>{r.subject}</td>
            <td>{r.recipients.join('、') || '—'}</td>
            <td>{r.cc.join('、') || '—'}</td>
            <td>{r.sentAt ? describeInstant(null, r.sentAt) : REMINDER_STATUS_NAMES[r.status]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
