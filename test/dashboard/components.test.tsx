import { z } from '@hono/zod-openapi';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { describe, expect, it } from 'vitest';
import { HazardListQuery } from '../../api/contracts/hazards.js';
import { Flash, flashMessage } from '../../api/dashboard/components/flash.js';
import {
  CheckboxField,
  DateField,
  DateTimeField,
  FileField,
  Form,
  issuesAt,
  NumberField,
  rejectedForm,
  SelectField,
  TextareaField,
  TextField,
} from '../../api/dashboard/components/forms.js';
import {
  ListControls,
  listHref,
  Pager,
  readListQuery,
  SortHeader,
} from '../../api/dashboard/components/list-controls.js';
import { formInput } from '../../api/dashboard/form-post.js';

// The dashboard's building blocks, rendered to HTML strings.

const render = async (node: JSX.Element) => String(await node);

const rejected = rejectedForm(
  { name: '<b>燃气灶</b>', note: '第一行\n第二行', when: '2031-07-01', count: 'abc', kind: 'b' },
  {
    error: {
      code: 'VALIDATION_FAILED',
      message: '请求参数校验失败',
      issues: [
        { path: 'name', message: '名称不能超过 10 个字' },
        { path: 'count', message: '数量应为整数' },
        { path: 'attachments.0.url', message: '附件地址应为 URL' },
      ],
    },
  },
);

describe('Form', () => {
  it('always carries the CSRF field and posts to its path', async () => {
    const html = await render(
      <Form action="/dashboard/hazards/h1/submissions" csrfToken={'tok"en'}>
        <button type="submit">提交</button>
      </Form>,
    );
    expect(html).toMatch(/^<form method="post" action="\/dashboard\/hazards\/h1\/submissions">/);
    expect(html).toContain('<input type="hidden" name="_csrf" value="tok&quot;en"/>');
    expect(html).not.toContain('enctype');
    const multipart = await render(<Form action="/x" csrfToken="t" multipart />);
    expect(multipart).toContain('enctype="multipart/form-data"');
  });
});

describe('fields', () => {
  it('keep the typed value (escaped) and show the Chinese error beside the field', async () => {
    const html = await render(<TextField name="name" label="名称" value="旧值" state={rejected} />);
    expect(html).toContain('<label for="field-name">名称</label>');
    expect(html).toContain(
      '<div class="flash err small field-error" id="field-name-error">名称不能超过 10 个字</div>',
    );
    expect(html).toContain('value="&lt;b&gt;燃气灶&lt;/b&gt;"');
    expect(html).toContain('aria-invalid="true" aria-describedby="field-name-error"');
    expect(html).not.toContain('旧值');
    expect(html.indexOf('<label')).toBeLessThan(html.indexOf('field-error'));
    expect(html.indexOf('field-error')).toBeLessThan(html.indexOf('<input'));
  });

  it('show the given value and no error on a fresh form', async () => {
    const html = await render(<TextField name="name" label="名称" value="旧值" />);
    expect(html).toContain('value="旧值"');
    expect(html).not.toContain('field-error');
    expect(html).not.toContain('aria-invalid');
  });

  it('keep a textarea’s lines, including a leading newline the parser would drop', async () => {
    const html = await render(
      <TextareaField name="note" label="说明" id="note-1" state={rejected} />,
    );
    expect(html).toContain('<textarea id="note-1" name="note">\n第一行\n第二行</textarea>');
    const fresh = await render(<TextareaField name="note" label="说明" value={'\n空行开头'} />);
    expect(fresh).toContain('>\n\n空行开头</textarea>');
  });

  it('render dates, date-times and numbers with their input types', async () => {
    expect(await render(<DateField name="when" label="日期" state={rejected} />)).toContain(
      'type="date" value="2031-07-01"',
    );
    expect(
      await render(<DateTimeField name="at" label="时间" value="2031-07-01T09:30" />),
    ).toContain('type="datetime-local" value="2031-07-01T09:30"');
    const number = await render(<NumberField name="count" label="数量" min="0" state={rejected} />);
    expect(number).toContain('type="number" value="abc"');
    expect(number).toContain('min="0"');
    expect(number).toContain('数量应为整数');
  });

  it('select the kept option', async () => {
    const html = await render(
      <SelectField
        name="kind"
        label="类型"
        blank="请选择"
        value="a"
        options={[
          { value: 'a', label: '甲' },
          { value: 'b', label: '乙' },
        ]}
        state={rejected}
      />,
    );
    expect(html).toContain('<option value="">请选择</option>');
    expect(html).toContain('<option value="b" selected="">乙</option>');
    expect(html).toContain('<option value="a">甲</option>');
  });

  it('keep a checkbox ticked or unticked as it was posted', async () => {
    const ticked = rejectedForm({ agree: 'true' });
    expect(await render(<CheckboxField name="agree" label="同意" state={ticked} />)).toContain(
      'checked=""',
    );
    const unticked = rejectedForm({ other: 'x' });
    expect(
      await render(<CheckboxField name="agree" label="同意" checked state={unticked} />),
    ).not.toContain('checked');
    expect(await render(<CheckboxField name="agree" label="同意" checked />)).toContain(
      'checked=""',
    );
  });

  it('ask for a file again after a rejection (browsers never refill a file input)', async () => {
    const fresh = await render(<FileField name="photo" label="照片" accept="image/*" />);
    expect(fresh).toContain('type="file" accept="image/*"');
    expect(fresh).not.toContain('重新选择');
    const again = await render(<FileField name="photo" label="照片" state={rejected} />);
    expect(again).toContain('请重新选择');
  });

  it('find the issues of a field and of the paths below it', () => {
    expect(issuesAt(rejected.issues, 'attachments')).toEqual(['附件地址应为 URL']);
    expect(issuesAt(rejected.issues, 'attach')).toEqual([]);
    expect(issuesAt(undefined, 'name')).toEqual([]);
  });
});

describe('Flash', () => {
  it('shows only the fixed message of a known key', async () => {
    expect(flashMessage('submitted')).toContain('整改材料已提交');
    expect(flashMessage('<script>')).toBeUndefined();
    expect(flashMessage('toString')).toBeUndefined();
    expect(flashMessage(undefined)).toBeUndefined();
    expect(await render(<Flash kind="ok" text={flashMessage('submitted')} />)).toBe(
      '<div class="flash ok" role="status">整改材料已提交，等待监管部门核查。</div>',
    );
    expect(await render(<Flash kind="err" text="失败" />)).toContain('role="alert"');
    expect(await render(<Flash kind="ok" />)).toBe('');
    const linked = await render(
      <Flash
        kind="ok"
        text="隐患已登记。"
        link={{ href: '/dashboard/hazards/h1', label: '查看隐患' }}
      />,
    );
    expect(linked).toContain('隐患已登记。 <a href="/dashboard/hazards/h1">查看隐患</a></div>');
  });
});

describe('list controls', () => {
  const query = readListQuery(
    {
      page: '3',
      pageSize: '50',
      unit: 'u1',
      status: 'open',
      overdue: 'true',
      from: '2031-07-01',
      campaign: 'c1',
      junk: 'x',
    },
    { pageSize: 20, sort: 'deadline' },
  );

  it('reads the page, size, sort and filters from the URL', () => {
    expect(query).toEqual({
      page: 3,
      pageSize: 50,
      sort: 'deadline',
      params: {
        campaign: 'c1',
        pageSize: '50',
        unit: 'u1',
        status: 'open',
        overdue: 'true',
        from: '2031-07-01',
      },
    });
    const odd = readListQuery({ page: '-1', pageSize: '999' }, { pageSize: 20, sort: '-foundAt' });
    expect(odd).toMatchObject({ page: 1, pageSize: 200, sort: '-foundAt', params: {} });
  });

  it('builds links that keep the filters', () => {
    expect(listHref('/dashboard/hazards', query, { page: 4 })).toBe(
      '/dashboard/hazards?campaign=c1&pageSize=50&unit=u1&status=open&overdue=true&from=2031-07-01&page=4',
    );
    expect(listHref('/dashboard/hazards', query, { page: 1, unit: undefined })).not.toMatch(
      /page=|unit=/,
    );
  });

  it('sorts ascending, then descending, back on page 1', async () => {
    const asc = await render(
      <SortHeader path="/h" query={query} field="foundAt">
        发现时间
      </SortHeader>,
    );
    expect(asc).toContain('href="/h?campaign=c1&amp;pageSize=50&amp;unit=u1');
    expect(asc).toContain('sort=foundAt"');
    expect(asc).not.toContain('page=3');
    const sorted = { ...query, sort: 'foundAt', params: { ...query.params, sort: 'foundAt' } };
    const desc = await render(
      <SortHeader path="/h" query={sorted} field="foundAt">
        发现时间
      </SortHeader>,
    );
    expect(desc).toContain('aria-sort="ascending"');
    expect(desc).toContain('sort=-foundAt"');
    expect(desc).toContain('发现时间 ▲');
  });

  it('pages with previous and next links and the total', async () => {
    const html = await render(<Pager path="/h" query={query} total={180} />);
    expect(html).toContain('第 3 / 4 页，共 180 条');
    expect(html).toMatch(/href="[^"]*page=2" rel="prev"/);
    expect(html).toMatch(/href="[^"]*page=4" rel="next"/);
    const last = await render(<Pager path="/h" query={{ ...query, page: 4 }} total={180} />);
    expect(last).toContain('<span class="muted">下一页</span>');
  });

  it('filters with a GET form that keeps sort, size and campaign', async () => {
    const html = await render(
      <ListControls path="/h" query={query}>
        <TextField name="unit" label="实施单位" value={query.params.unit} />
      </ListControls>,
    );
    expect(html).toMatch(/^<form method="get" action="\/h" class="list-controls">/);
    expect(html).toContain('<input type="hidden" name="campaign" value="c1"/>');
    expect(html).toContain('<input type="hidden" name="pageSize" value="50"/>');
    expect(html).toContain('<input type="hidden" name="sort" value="deadline"/>');
    expect(html).toContain('value="u1"');
    expect(html).toContain('href="/h?campaign=c1&amp;pageSize=50">清除筛选</a>');
  });
});

describe('formInput', () => {
  it('turns a posted list filter into what the contract parses', () => {
    const input = formInput(HazardListQuery, {
      _csrf: 'x',
      page: '2',
      pageSize: '',
      unit: '',
      status: 'open',
      overdue: 'true',
    });
    expect(input).toEqual({ page: 2, status: 'open', overdue: 'true' });
    expect(HazardListQuery.parse(input)).toMatchObject({
      page: 2,
      pageSize: 20,
      status: 'open',
      overdue: true,
    });
  });

  it('reads numbers, booleans, arrays and leaves empty fields out', () => {
    const schema = z.object({
      version: z.number().int(),
      urgent: z.boolean(),
      notify: z.boolean().optional(),
      tags: z.array(z.string()).default([]),
      counts: z.array(z.number()),
      note: z.string().optional(),
    });
    const input = formInput(schema, {
      version: '3',
      notify: 'on',
      tags: ['甲', '乙'],
      counts: '1\r\n\r\n2',
      note: '',
    });
    expect(input).toEqual({
      version: 3,
      urgent: false,
      notify: true,
      tags: ['甲', '乙'],
      counts: [1, 2],
    });
    expect(schema.parse(input)).toEqual(input);
    expect(formInput(schema, { version: 'x' }).version).toBe('x'); // the contract rejects it
  });
});
