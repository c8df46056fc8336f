import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, ok, type Schemas } from '../api/client';
import { useCan } from '../auth/me';
import { useLanguage, useText } from '../i18n/language';
import { ConflictNotice } from '../ui/ConflictNotice';
import { ErrorLine, QueryState } from '../ui/QueryState';
import { dateTimeText } from '../ui/time';
import { useNow } from '../ui/useNow';
import { taskConflictFields } from './caseFields';
import { type CaseDetail, type CaseTask, refreshCase, tasksQuery } from './caseQueries';
import { fromLocalInput, isOverdue, toLocalInput } from './caseTime';
import { changesBetween } from './changes';
import { useVersionedWrite } from './useVersionedWrite';
import { OpenableForm } from '../ui/OpenableForm';

const TASK_STATUSES: Schemas['TaskStatus'][] = ['open', 'done', 'cancelled'];
type TaskEdit = Schemas['UpdateCaseTaskDto'];

/** The case's tasks by due time, overdue ones marked; add, complete, edit. */
export function CaseTasksSection({ caseDetail }: { caseDetail: CaseDetail }) {
  const text = useText();
  const can = useCan();
  const query = useQuery(tasksQuery(caseDetail.id));
  const canWork = can('case.work') && caseDetail.state !== 'closed';
  return (
    <section className="panel" aria-labelledby="case-tasks-title" id="case-tasks">
      <h2 id="case-tasks-title">{text.cases.tasks.title}</h2>
      <QueryState query={query}>
        {(tasks) =>
          tasks.length === 0 ? (
            <p className="muted">{text.cases.tasks.empty}</p>
          ) : (
            <ul className="cards" aria-label={text.cases.tasks.title}>
              {tasks.map((task) => (
                <TaskCard key={task.id} caseDetail={caseDetail} task={task} canWork={canWork} />
              ))}
            </ul>
          )
        }
      </QueryState>
      {canWork &&
        <OpenableForm label={text.cases.tasks.add}>{(close) => <AddTaskForm caseDetail={caseDetail} onDone={close} />}</OpenableForm>}
    </section>
  );
}

function useTaskWrite(caseDetail: CaseDetail, task: CaseTask, onSuccess?: () => void) {
  const text = useText();
  const { language } = useLanguage();
  return useVersionedWrite<CaseTask, TaskEdit, CaseTask | undefined>({
    caseId: caseDetail.id,
    write: (edit, basedOn) =>
      ok(api.PATCH('/api/v1/cases/{caseId}/tasks/{taskId}', { params: { path: { caseId: caseDetail.id, taskId: task.id } }, body: { ...edit, version: basedOn.version } })),
    reload: () => ok(api.GET('/api/v1/cases/{caseId}/tasks/{taskId}', { params: { path: { caseId: caseDetail.id, taskId: task.id } } })),
    changes: (before, after) => changesBetween(before, after, taskConflictFields(text.cases, (iso) => dateTimeText(iso, language))),
    onSuccess,
  });
}

function TaskCard({ caseDetail, task, canWork }: { caseDetail: CaseDetail; task: CaseTask; canWork: boolean }) {
  const text = useText();
  const { language } = useLanguage();
  const now = useNow(60_000);
  const [editing, setEditing] = useState(false);
  const quick = useTaskWrite(caseDetail, task);
  const overdue = isOverdue(task, now);
  return (
    <li className={`card task${overdue ? ' task-overdue' : ''}`}>
      <div className="card-head">
        <span className="card-title">{task.title}</span>
        <span className="badge badge-neutral">{text.cases.tasks.status[task.status]}</span>
        {overdue && <span className="badge badge-critical">{text.cases.tasks.overdue}</span>}
      </div>
      <p className="card-meta">
        <span>
          <time dateTime={task.dueAt}>{text.cases.tasks.due(dateTimeText(task.dueAt, language))}</time>
        </span>
        <span>{text.cases.tasks.assignee(task.assigneeName)}</span>
      </p>
      {quick.conflict && <ConflictNotice changes={quick.conflict} />}
      {quick.error && <ErrorLine error={quick.error} />}
      {canWork &&
        (editing ? (
          <EditTaskForm caseDetail={caseDetail} task={task} onDone={() => setEditing(false)} />
        ) : (
          <div className="actions">
            {task.status === 'open' ? (
              <button type="button" className="primary" disabled={quick.isPending} onClick={() => quick.submit({ status: 'done' }, task)}>
                {text.cases.tasks.complete}
              </button>
            ) : (
              <button type="button" disabled={quick.isPending} onClick={() => quick.submit({ status: 'open' }, task)}>
                {text.cases.tasks.reopen}
              </button>
            )}
            <button type="button" onClick={() => setEditing(true)} aria-label={text.cases.tasks.editTitle(task.title)}>
              {text.cases.tasks.edit}
            </button>
          </div>
        ))}
    </li>
  );
}

/** Assignees must be active counselors on the case team. */
function AssigneeSelect({ caseDetail, id, value, onChange }: { caseDetail: CaseDetail; id: string; value: string; onChange(value: string): void }) {
  return (
    <select id={id} value={value} required onChange={(e) => onChange(e.target.value)}>
      {caseDetail.team.map((member) => (
        <option key={member.userId} value={member.userId}>
          {member.displayName}
        </option>
      ))}
    </select>
  );
}

function EditTaskForm({ caseDetail, task, onDone }: { caseDetail: CaseDetail; task: CaseTask; onDone(): void }) {
  const text = useText();
  const ids = { title: useId(), assignee: useId(), due: useId(), status: useId() };
  // The form keeps what the user typed, also across a conflict; the version comes from the task as last shown.
  const [title, setTitle] = useState(task.title);
  const [assigneeId, setAssigneeId] = useState(task.assigneeId);
  const [due, setDue] = useState(toLocalInput(task.dueAt));
  const [status, setStatus] = useState<Schemas['TaskStatus']>(task.status);
  // Only what the user changed is sent, so that resubmitting after a conflict keeps the other person's edits.
  const [opened] = useState(() => ({ title: task.title, assigneeId: task.assigneeId, due: toLocalInput(task.dueAt), status: task.status }));
  const edit = useTaskWrite(caseDetail, task, onDone);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const changed: TaskEdit = {};
    if (title.trim() !== opened.title) changed.title = title.trim();
    if (assigneeId !== opened.assigneeId) changed.assigneeId = assigneeId;
    if (due !== opened.due) changed.dueAt = fromLocalInput(due);
    if (status !== opened.status) changed.status = status;
    if (Object.keys(changed).length === 0) onDone();
    else edit.submit(changed, task);
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      {edit.conflict && <ConflictNotice changes={edit.conflict} />}
      <label htmlFor={ids.title}>{text.cases.tasks.titleLabel}</label>
      <input id={ids.title} value={title} required maxLength={500} onChange={(e) => setTitle(e.target.value)} />
      <label htmlFor={ids.assignee}>{text.cases.tasks.assigneeLabel}</label>
      <AssigneeSelect caseDetail={caseDetail} id={ids.assignee} value={assigneeId} onChange={setAssigneeId} />
      <label htmlFor={ids.due}>{text.cases.tasks.dueLabel}</label>
      <input id={ids.due} type="datetime-local" value={due} required onChange={(e) => setDue(e.target.value)} />
      <label htmlFor={ids.status}>{text.cases.tasks.statusLabel}</label>
      <select id={ids.status} value={status} onChange={(e) => setStatus(TASK_STATUSES.find((s) => s === e.target.value) ?? status)}>
        {TASK_STATUSES.map((s) => (
          <option key={s} value={s}>
            {text.cases.tasks.status[s]}
          </option>
        ))}
      </select>
      {edit.error && <ErrorLine error={edit.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={edit.isPending}>
          {text.cases.tasks.save}
        </button>
        <button type="button" onClick={onDone}>
          {text.common.cancel}
        </button>
      </div>
    </form>
  );
}

function AddTaskForm({ caseDetail, onDone }: { caseDetail: CaseDetail; onDone(): void }) {
  const text = useText();
  const queryClient = useQueryClient();
  const ids = { title: useId(), assignee: useId(), due: useId() };
  const [title, setTitle] = useState('');
  const [assigneeId, setAssigneeId] = useState(caseDetail.ownerId);
  const [due, setDue] = useState('');
  const add = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/v1/cases/{caseId}/tasks', { params: { path: { caseId: caseDetail.id } }, body: { title: title.trim(), assigneeId, dueAt: fromLocalInput(due) } })),
    onSuccess: async () => {
      await refreshCase(queryClient, caseDetail.id);
      onDone();
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    add.mutate();
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor={ids.title}>{text.cases.tasks.titleLabel}</label>
      <input id={ids.title} value={title} required maxLength={500} onChange={(e) => setTitle(e.target.value)} />
      <label htmlFor={ids.assignee}>{text.cases.tasks.assigneeLabel}</label>
      <AssigneeSelect caseDetail={caseDetail} id={ids.assignee} value={assigneeId} onChange={setAssigneeId} />
      <label htmlFor={ids.due}>{text.cases.tasks.dueLabel}</label>
      <input id={ids.due} type="datetime-local" value={due} required onChange={(e) => setDue(e.target.value)} />
      {add.error && <ErrorLine error={add.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={add.isPending}>
          {text.cases.tasks.save}
        </button>
        <button type="button" onClick={onDone}>
          {text.common.cancel}
        </button>
      </div>
    </form>
  );
}
