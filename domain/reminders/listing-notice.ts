// The notice a unit's officers get when the city lists it for supervision (挂牌督办) or lifts the
// listing (解除挂牌). The API sends it itself at once; it has no deadline timer behind it.

export interface ListingNoticeFacts {
  kind: 'listing_opened' | 'listing_lifted';
  unitName: string;
  reason: string;
  items: string[];
  /** YYYY-MM-DD (Asia/Shanghai), or null when the listing has no deadline of its own. */
  deadlineDate: string | null;
}

export function renderListingNotice(facts: ListingNoticeFacts, link: string) {
  if (facts.kind === 'listing_lifted') {
    return {
      subject: `【解除挂牌督办】${facts.unitName}`,
      text:
        `${facts.unitName}：\n\n市局已解除对贵单位的挂牌督办。\n解除理由：${facts.reason}\n\n` +
        `详情：${link}\n`,
    };
  }
  const items =
    facts.items.length > 0
      ? facts.items.map((item, index) => `${index + 1}. ${item}`).join('\n')
      : '（见督办理由）';
  const deadline = facts.deadlineDate ? `${facts.deadlineDate} 24:00 前` : '（未规定）';
  return {
    subject: `【挂牌督办】${facts.unitName}：请于 ${facts.deadlineDate ?? '规定期限'} 前完成督办事项`,
    text:
      `${facts.unitName}：\n\n市局决定对贵单位实行挂牌督办。督办期间，贵单位的报送提醒将抄送市局督导人员。\n\n` +
      `督办理由：${facts.reason}\n督办事项：\n${items}\n督办期限：${deadline}\n\n` +
      `请在工作看板查看并落实：${link}\n`,
  };
}
