import type { AuthUser } from '../../lib/context.js';
import { Layout } from '../components/layout.js';

/** A short message page: not found, not allowed, a server error. */
export function View(props: {
  title: string;
  text: string;
  session?: { user: AuthUser; csrfToken: string };
}) {
  const { title, text, session } = props;
  return (
    <Layout title={title} user={session?.user} csrfToken={session?.csrfToken}>
      <section>
        <h2>{title}</h2>
        <p>{text}</p>
        <p>
          <a href="/dashboard">返回首页</a>
        </p>
      </section>
    </Layout>
  );
}
