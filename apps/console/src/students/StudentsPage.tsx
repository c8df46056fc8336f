import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { api, ok } from '../api/client';
import { useCan } from '../auth/me';
import { useText } from '../i18n/language';
import { QueryState } from '../ui/QueryState';
import './students.css';
import { LoadMore } from '../ui/LoadMore';

interface StudentSearch {
  q?: string;
  classId?: string;
}

const PAGE_SIZE = 50;

/** The school's students (as far as the API lets the caller see them): by the start of a name or number, and by class. */
export function StudentsPage() {
  const text = useText();
  const [search, setSearch] = useState<StudentSearch>({});
  const students = useInfiniteQuery({
    queryKey: ['students', 'list', search],
    queryFn: ({ pageParam }) => ok(api.GET('/api/v1/students', { params: { query: { ...search, limit: PAGE_SIZE, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last?.nextCursor ?? undefined,
  });
  const items = students.data?.pages.flatMap((page) => page.items);
  return (
    <>
      <h1>{text.students.listTitle}</h1>
      <section className="panel" aria-labelledby="student-search-title">
        <h2 id="student-search-title" className="visually-hidden">
          {text.students.search}
        </h2>
        <SearchForm onSearch={setSearch} />
      </section>
      <section className="panel" aria-labelledby="student-results-title" aria-busy={students.isFetching}>
        <h2 id="student-results-title">
          {text.students.listTitle} <span className="count" aria-live="polite">{items ? text.students.shown(items.length) : ''}</span>
        </h2>
        <QueryState query={{ data: items, error: students.error, refetch: students.refetch }}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted">{text.students.noStudents}</p>
            ) : (
              <div className="table-scroll">
                <table className="students-table">
                  <thead>
                    <tr>
                      <th scope="col">{text.students.name}</th>
                      <th scope="col">{text.students.studentNumber}</th>
                      <th scope="col">{text.students.className}</th>
                      <th scope="col">{text.students.status}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((s) => (
                      <tr key={s.id}>
                        <td>
                          <Link to={`/students/${s.id}`}>{s.name}</Link>
                        </td>
                        <td>{s.studentNumber}</td>
                        <td>
                          {s.gradeName} {s.className}
                        </td>
                        <td>{text.students.studentStatus[s.status]}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </QueryState>
        <LoadMore query={students} />
      </section>
    </>
  );
}

function SearchForm({ onSearch }: { onSearch(search: StudentSearch): void }) {
  const text = useText();
  const can = useCan();
  const qId = useId();
  const classId = useId();
  const classes = useQuery({
    queryKey: ['classes', 'all'],
    queryFn: () => ok(api.GET('/api/v1/classes', { params: { query: { limit: 200 } } })),
    enabled: can('class.read'),
    staleTime: 5 * 60_000,
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const q = String(form.get('q') ?? '').trim();
    const chosenClass = String(form.get('classId') ?? '');
    onSearch({ ...(q ? { q } : {}), ...(chosenClass ? { classId: chosenClass } : {}) });
  }
  return (
    <form className="student-search" onSubmit={submit} role="search">
      <div>
        <label htmlFor={qId}>{text.students.searchLabel}</label>
        <input id={qId} name="q" type="search" maxLength={50} autoComplete="off" />
      </div>
      {classes.data && (
        <div>
          <label htmlFor={classId}>{text.students.classLabel}</label>
          <select id={classId} name="classId" defaultValue="">
            <option value="">{text.students.allClasses}</option>
            {classes.data.items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.gradeName} {c.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <button type="submit" className="primary">
        {text.students.search}
      </button>
    </form>
  );
}
