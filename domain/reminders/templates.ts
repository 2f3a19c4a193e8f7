import { formatDeadline, formatShanghai } from '../calendar/shanghai-time.js';

// The Chinese text of every reminder. Pure: the API fills in names and instants from its records.

export const REMINDER_KINDS = [
  'duty_reminder',
  'duty_overdue',
  'hazard_opened',
  'hazard_reminder',
  'hazard_submitted',
  'hazard_rejected',
  'hazard_closed',
  'hazard_overdue',
  'hazard_escalated',
  'followup_opened',
  'followup_reminder',
  'followup_overdue',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface DutyFacts {
  unitName: string;
  dutyName: string;
  campaignName: string;
  dueAt: Date;
}

export interface HazardFacts {
  enterpriseName: string;
  unitName: string;
  description: string;
  measure: string;
  deadline: Date;
  statusName: string;
  note?: string | null;
}

export interface FollowUpFacts {
  kindName: string;
  enterpriseName: string;
  unitName: string;
  reason: string;
  dueAt: Date;
}

export type ReminderFacts =
  | { kind: 'duty_reminder' | 'duty_overdue'; duty: DutyFacts; daysLeft?: number; repeat?: number }
  | {
      kind: Extract<ReminderKind, `hazard_${string}`>;
      hazard: HazardFacts;
      daysLeft?: number;
      repeat?: number;
    }
  | {
      kind: Extract<ReminderKind, `followup_${string}`>;
      task: FollowUpFacts;
      daysLeft?: number;
      repeat?: number;
    };

export interface ReminderText {
  subject: string;
  text: string;
  /** Summary of the calendar event attached, and its instant. */
  event: { summary: string; dueAt: Date };
}

/** A reminder to an enterprise user carries a sign-in link of their own, valid until then. */
export interface PersonalAccess {
  validUntil: Date;
}

const footer = (link: string, access?: PersonalAccess) =>
  (access
    ? `\n点击以下链接即可登录本企业账号并处理（无需令牌或密码；仅限本人使用，请勿转发；` +
      `${formatShanghai(access.validUntil)} 前有效，过期后可在打开的页面重新获取登录链接）：\n${link}`
    : `\n查看详情：${link}`) +
  `\n\n（本邮件由专项行动管理系统自动发送，请勿直接回复。时间均为北京时间。）`;

const left = (days?: number) => (days === undefined ? '' : `（还剩 ${days} 天）`);
const again = (repeat?: number) => (repeat && repeat > 1 ? `（第 ${repeat} 次提醒）` : '');

/** `link` is the record's page, or with `access` the recipient's own sign-in link to it. */
export function renderReminder(
  facts: ReminderFacts,
  link: string,
  access?: PersonalAccess,
): ReminderText {
  switch (facts.kind) {
    case 'duty_reminder':
    case 'duty_overdue': {
      const d = facts.duty;
      const due = formatDeadline(d.dueAt);
      const overdue = facts.kind === 'duty_overdue';
      return {
        subject: overdue
          ? `【逾期未报】${d.unitName}：${d.dutyName}已超过报送期限${again(facts.repeat)}`
          : `【报送提醒】${d.unitName}：${d.dutyName}须于 ${due} 前报送${left(facts.daysLeft)}`,
        text:
          `${d.unitName}：\n\n` +
          (overdue
            ? `${d.campaignName}的“${d.dutyName}”报送期限（${due}）已过，尚未收到报送。请尽快报送；逾期情况已同时告知市局。\n`
            : `${d.campaignName}的“${d.dutyName}”须于 ${due} 前报送市局产品质量安全监督管理处${left(facts.daysLeft)}。报送后将不再提醒。\n`) +
          footer(link, access),
        event: { summary: `报送截止：${d.dutyName}（${d.unitName}）`, dueAt: d.dueAt },
      };
    }
    case 'followup_opened':
    case 'followup_reminder':
    case 'followup_overdue': {
      const t = facts.task;
      const due = formatDeadline(t.dueAt);
      const head =
        facts.kind === 'followup_opened'
          ? `【新任务】${t.unitName}：对${t.enterpriseName}开展${t.kindName}`
          : facts.kind === 'followup_reminder'
            ? `【任务提醒】${t.enterpriseName}${t.kindName}须于 ${due} 前完成${left(facts.daysLeft)}`
            : `【任务逾期】${t.enterpriseName}${t.kindName}已超过期限${again(facts.repeat)}`;
      return {
        subject: head,
        text:
          `${t.unitName}：\n\n${head.replace(/^【[^】]+】/, '')}。\n原因：${t.reason}\n完成期限：${due}\n` +
          footer(link, access),
        event: { summary: `${t.kindName}期限：${t.enterpriseName}`, dueAt: t.dueAt },
      };
    }
    default: {
      const h = facts.hazard;
      const due = formatDeadline(h.deadline);
      const lines = `问题：${h.description}\n整改措施：${h.measure}\n整改期限：${due}\n当前状态：${h.statusName}\n`;
      const subjects: Record<typeof facts.kind, string> = {
        hazard_opened: `【隐患整改通知】${h.enterpriseName}：请于 ${due} 前完成整改`,
        hazard_reminder: `【整改提醒】${h.enterpriseName}：整改期限 ${due}${left(facts.daysLeft)}`,
        hazard_submitted: `【待核查】${h.enterpriseName}已提交整改材料，请核查`,
        hazard_rejected: `【整改退回】${h.enterpriseName}：整改材料未通过核查`,
        hazard_closed: `【已销号】${h.enterpriseName}：隐患整改已核查通过`,
        hazard_overdue: `【整改逾期】${h.enterpriseName}：隐患已超过整改期限${again(facts.repeat)}`,
        hazard_escalated: `【逾期升级】${h.unitName}：${h.enterpriseName}隐患逾期未整改，提请市局督办`,
      };
      const intros: Record<typeof facts.kind, string> = {
        hazard_opened: '贵单位存在以下质量安全隐患，已列入问题清单，请按期整改并提交整改材料。',
        hazard_reminder: '以下隐患的整改期限临近，请按期完成整改并提交整改材料。',
        hazard_submitted: '企业已提交以下隐患的整改材料，请及时核查，通过后销号。',
        hazard_rejected: `以下隐患的整改材料未通过核查，请继续整改后重新提交。退回理由：${h.note ?? '（无）'}`,
        hazard_closed: '以下隐患的整改已经核查通过，予以销号。',
        hazard_overdue: '以下隐患已超过整改期限仍未销号，请立即整改并提交整改材料。',
        hazard_escalated: '以下隐患逾期未整改，已超过宽限期，提请市局督办。',
      };
      const greeting =
        facts.kind === 'hazard_submitted'
          ? h.unitName
          : facts.kind === 'hazard_escalated'
            ? '市局产品质量安全监督管理处'
            : h.enterpriseName;
      return {
        subject: subjects[facts.kind],
        text:
          `${greeting}：\n\n${intros[facts.kind]}\n\n企业：${h.enterpriseName}\n${lines}` +
          footer(link, access),
        event: { summary: `整改期限：${h.enterpriseName}`, dueAt: h.deadline },
      };
    }
  }
}
