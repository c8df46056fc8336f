import { Link } from 'react-router';
import { useText } from '../i18n/language';

/** The same page for a missing record and for one outside the caller's scope: the API answers 404 for both. */
export function NotFoundPage() {
  const text = useText();
  return (
    <section className="not-found" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{text.common.notFoundTitle}</h1>
      <p>{text.common.notFoundBody}</p>
      <p>
        <Link to="/">{text.common.backHome}</Link>
      </p>
    </section>
  );
}
