import { formatShanghai } from '../calendar/shanghai-time.js';

// The Chinese e-mails that carry sign-in links: the one asked for on the sign-in page, and an
// invitation. Pure: the API fills in names, the link and its expiry.

const FOOTER = '\n（本邮件由专项行动管理系统自动发送，请勿直接回复。时间均为北京时间。）';

export interface SignInMailFacts {
  userName: string;
  /** Which account, when one address has several (e.g. “浦东新区市场监督管理局 · 实施单位工作人员”). */
  account: string;
  link: string;
  expiresAt: Date;
}

export function renderSignInMail(facts: SignInMailFacts) {
  return {
    subject: '【登录链接】专项行动管理系统',
    text:
      `${facts.userName}：\n\n您（或他人填写了您的邮箱）请求登录专项行动管理系统（${facts.account}）。` +
      `请打开以下链接并点击“登录”：\n\n${facts.link}\n\n` +
      `链接仅可使用一次，${formatShanghai(facts.expiresAt)} 前有效；请勿转发。` +
      `如非本人操作，请忽略本邮件，您的账号不受影响。\n${FOOTER}`,
  };
}

export interface InvitationMailFacts {
  contactName: string;
  enterpriseName: string;
  unitName: string;
  link: string;
  expiresAt: Date;
}

export function renderInvitationMail(facts: InvitationMailFacts) {
  return {
    subject: `【账号开通】${facts.enterpriseName}：专项行动管理系统企业账号`,
    text:
      `${facts.contactName}：\n\n${facts.unitName}已为${facts.enterpriseName}开通专项行动管理系统企业账号，` +
      `您可在系统中查看本企业的隐患整改事项、期限和提醒，并提交整改材料。\n\n` +
      `请打开以下链接并点击“登录”：\n\n${facts.link}\n\n` +
      `链接仅可使用一次，${formatShanghai(facts.expiresAt)} 前有效；请勿转发。` +
      `此后登录时，在登录页输入本邮箱即可收到新的登录链接，无需密码。\n${FOOTER}`,
  };
}
