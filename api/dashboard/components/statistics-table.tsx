import {
  FIGURES,
  FIGURE_GROUP_SPANS,
  TABLE_TITLE,
  TOTAL_ROW_NAME,
  type FigureValues,
} from '../../../domain/statistics/index.js';
import type { StatisticsTable } from '../../services/reporting/statistics.js';

// One unit's statistics table (附件2) as the form lays it out: 产品类别, then the 15 figures under
// their group headings, one row per category and the 合计 row.

const cells = (values: FigureValues) =>
  FIGURES.map((f) => <td class="num">{String(values[f.key] ?? 0)}</td>);

export function StatisticsTableView({ table }: { table: StatisticsTable }) {
  return (
    <div class="scroll">
      <p class="small">
        <b>{TABLE_TITLE}</b> · 填表单位：{table.unit.name} · 数据周期：{table.period.from}至
        {table.period.to}
      </p>
      <table class="statistics">
        <thead>
          <tr>
            <th rowspan={2}>产品类别</th>
            {FIGURE_GROUP_SPANS.map((g) => (
              <th colspan={g.span}>{g.label}</th>
            ))}
          </tr>
          <tr>
            {FIGURES.map((f) => (
              <th class="num">{f.heading}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr>
              <td>{row.name}</td>
              {cells(row.values)}
            </tr>
          ))}
          <tr>
            <th>{TOTAL_ROW_NAME}</th>
            {cells(table.total.values)}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
