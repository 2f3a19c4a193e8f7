import type { Child } from 'hono/jsx';

// Paging, sorting and filtering of a list, all in the URL (a link can be shared): the same query
// parameters as the JSON API's list endpoints: page, pageSize, sort=field|-field, and the filters.

export const LIST_FILTERS = [
  'unit',
  'category',
  'status',
  'overdue',
  'from',
  'to',
  'q',
  'type',
] as const;
/** Parameters a list link keeps besides its filters. */
const KEPT = ['campaign', 'pageSize', 'sort', ...LIST_FILTERS] as const;

export interface ListQuery {
  page: number;
  pageSize: number;
  /** `field` ascending, `-field` descending. */
  sort: string;
  /** The filters and other kept parameters (campaign) present in the URL, as given. */
  params: Record<string, string>;
}

/** Reads a list's query from the request's query parameters, with the page's defaults. */
export function readListQuery(
  query: Record<string, string | undefined>,
  defaults: { pageSize: number; sort: string },
): ListQuery {
  const positive = (text: string | undefined, fallback: number, max = Infinity) => {
    const n = Number(text);
    return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
  };
  const params: Record<string, string> = {};
  for (const key of KEPT) {
    const value = query[key]?.trim();
    if (value) params[key] = value;
  }
  return {
    page: positive(query.page, 1),
    pageSize: positive(query.pageSize, defaults.pageSize, 200),
    sort: query.sort?.trim() || defaults.sort,
    params,
  };
}

/** The list's URL with some parameters changed (undefined removes one); page 1 is left out. */
export function listHref(
  path: string,
  query: ListQuery,
  changes: Record<string, string | number | undefined> = {},
): string {
  const merged: Record<string, string | number | undefined> = {
    ...query.params,
    sort: query.params.sort,
    page: query.page,
    ...changes,
  };
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === '' || (key === 'page' && Number(value) === 1)) continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** A column header that sorts by its field: ascending first, a second click descending. */
export function SortHeader(props: {
  path: string;
  query: ListQuery;
  field: string;
  children: string;
  class?: string;
}) {
  const { path, query, field } = props;
  const current = query.sort === field ? 'asc' : query.sort === `-${field}` ? 'desc' : undefined;
  const next = current === 'asc' ? `-${field}` : field;
  return (
    <th
      class={props.class}
      aria-sort={current === 'asc' ? 'ascending' : current === 'desc' ? 'descending' : undefined}
    >
      <a href={listHref(path, query, { sort: next, page: undefined })}>
        {props.children}
        {current === 'asc' ? ' ▲' : current === 'desc' ? ' ▼' : ''}
      </a>
    </th>
  );
}

/** "第 2 / 5 页，共 93 条" with links to the previous and next pages. */
export function Pager(props: { path: string; query: ListQuery; total: number }) {
  const { path, query, total } = props;
  const pages = Math.max(1, Math.ceil(total / query.pageSize));
  const page = Math.min(query.page, pages);
  return (
    <nav class="pager small" aria-label="分页">
      {page > 1 ? (
        <a href={listHref(path, query, { page: page - 1 })} rel="prev">
          上一页
        </a>
      ) : (
        <span class="muted">上一页</span>
      )}{' '}
      第 {page} / {pages} 页，共 {total} 条{' '}
      {page < pages ? (
        <a href={listHref(path, query, { page: page + 1 })} rel="next">
          下一页
        </a>
      ) : (
        <span class="muted">下一页</span>
      )}
    </nav>
  );
}

/**
 * The filter form of a list: a GET form (works without JavaScript) whose fields are the
 * children; it keeps the sort order, page size and campaign, and goes back to page 1.
 */
export function ListControls(props: { path: string; query: ListQuery; children?: Child }) {
  const { path, query } = props;
  const kept = ['campaign', 'pageSize', 'sort'].filter((key) => query.params[key] !== undefined);
  return (
    <form method="get" action={path} class="list-controls">
      {kept.map((key) => (
        <input type="hidden" name={key} value={query.params[key]} />
      ))}
      {query.params.sort === undefined && <input type="hidden" name="sort" value={query.sort} />}
      {props.children}
      <button type="submit">筛选</button>{' '}
      <a
        href={listHref(
          path,
          query,
          Object.fromEntries([...LIST_FILTERS, 'page'].map((k) => [k, undefined])),
        )}
      >
        清除筛选
      </a>
    </form>
  );
}
