import type { CampaignRow } from '../queries.js';
import type { PageContext } from '../page.js';

/** Switches the campaign shown (GET form; submits on change, or with its button without JS). */
export function CampaignChooser(props: { ctx: PageContext; path: string }) {
  const { ctx, path } = props;
  if (ctx.choices.length <= 1 || !ctx.campaign) return null;
  return (
    <form method="get" action={path} class="inline">
      <label for="campaign" style="display:inline;margin-right:6px">
        专项行动
      </label>
      <select id="campaign" name="campaign" style="width:auto" onchange="this.form.submit()">
        {ctx.choices.map((c) => (
          <option value={c.id} selected={c.id === ctx.campaign?.id}>
            {c.name}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit">切换</button>
      </noscript>
    </form>
  );
}

/** The statistics table and the case ledger, for the whole city or one unit. */
export function Downloads(props: { campaign: CampaignRow; unitId?: string }) {
  const base = `/dashboard/campaigns/${encodeURIComponent(props.campaign.id)}`;
  const unit = props.unitId ? `unit=${encodeURIComponent(props.unitId)}&` : '';
  return (
    <p class="small">
      下载：<a href={`${base}/statistics?${unit}format=xlsx`}>统计表（XLSX）</a> ·{' '}
      <a href={`${base}/statistics?${unit}format=csv`}>统计表（CSV）</a> ·{' '}
      <a href={`${base}/case-ledger?${unit}format=xlsx`}>典型案例台账（XLSX）</a> ·{' '}
      <a href={`${base}/case-ledger?${unit}format=csv`}>典型案例台账（CSV）</a>
    </p>
  );
}
