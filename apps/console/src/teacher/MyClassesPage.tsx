import { Link } from 'react-router';
import { useMe } from '../auth/me';
import { useText } from '../i18n/language';
import './teacher.css';

/** The classes the teacher teaches now, each opening its student list. */
export function MyClassesPage() {
  const text = useText();
  return (
    <>
      <h1>{text.teacher.myClassesTitle}</h1>
      <MyClassesList />
    </>
  );
}

export function MyClassesList() {
  const text = useText();
  const me = useMe();
  if (me.classes.length === 0) return <p className="muted">{text.teacher.noClasses}</p>;
  return (
    <ul className="cards class-cards">
      {me.classes.map((c) => {
        const name = text.teacher.classLine(c.gradeName, c.name);
        return (
          <li key={c.id} className="card">
            <Link className="card-title" to={`/classes/${c.id}`} aria-label={text.teacher.openClass(name)}>
              {name}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
