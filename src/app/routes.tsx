import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Switch } from 'wouter';
import { useSearchParams } from '../shared/useSearchParams';
import { decodePathParam } from '../ui/paths';

/*
 * Route-level code splitting: each page's code (and what only it uses: react-hook-form,
 * zod, the records table, CSV export...) loads when the page is first visited, so the
 * initial JavaScript stays small. Each lazy import points at a feature's public index.
 */
const GroupPickerPage = lazy(() => import('../features/group-picker').then((module) => ({ default: module.GroupPickerPage })));
const RecordEditorPage = lazy(() => import('../features/record-editor').then((module) => ({ default: module.RecordEditorPage })));
const RecordBrowserPage = lazy(() => import('../features/record-browser').then((module) => ({ default: module.RecordBrowserPage })));
const RecordViewPage = lazy(() => import('../features/record-browser').then((module) => ({ default: module.RecordViewPage })));
const RecordHistoryPage = lazy(() => import('../features/record-history').then((module) => ({ default: module.RecordHistoryPage })));
const HistoryPage = lazy(() => import('../features/history').then((module) => ({ default: module.HistoryPage })));
const RecordsTablePage = lazy(() => import('../features/records-table').then((module) => ({ default: module.RecordsTablePage })));
const BulkImportPage = lazy(() => import('../features/bulk-import').then((module) => ({ default: module.BulkImportPage })));

function PageLoading() {
  return (
    <p className="muted" aria-busy="true">
      Loading…
    </p>
  );
}

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoading />}>{children}</Suspense>;
}

/** Record identifiers come from the query string (?id=...), so any character survives. */
function useRecordId(): { id: string | undefined; saved: string | undefined } {
  const search = useSearchParams();
  return { id: search.get('id') ?? undefined, saved: search.get('saved') ?? undefined };
}

/** The write page; ?from=<id> starts a new record from a stored one ("Duplicate"). */
function WriteRoute({ name }: { name: string }) {
  const from = useSearchParams().get('from') ?? undefined;
  return <RecordEditorPage key={from ?? ''} groupName={name} {...(from !== undefined ? { duplicateOf: from } : {})} />;
}

function RecordRoute({ name, edit }: { name: string; edit: boolean }) {
  const { id, saved } = useRecordId();
  const restore = useSearchParams().get('restore') ?? undefined;
  if (id === undefined) return <RecordBrowserPage groupName={name} />;
  return edit ? (
    <RecordEditorPage key={restore ?? ''} groupName={name} recordId={id} {...(restore !== undefined ? { restoreToken: restore } : {})} />
  ) : (
    <RecordViewPage groupName={name} recordId={id} savedRequestId={saved} />
  );
}

function RecordHistoryRoute({ name }: { name: string }) {
  const { id } = useRecordId();
  if (id === undefined) return <RecordBrowserPage groupName={name} />;
  return <RecordHistoryPage key={id} groupName={name} recordId={id} />;
}

export function AppRoutes() {
  return (
    <Page>
      <Switch>
        <Route path="/">
          <GroupPickerPage />
        </Route>
        <Route path="/history">
          <HistoryPage />
        </Route>
        <Route path="/groups/:name">{(params) => <WriteRoute name={decodePathParam(params.name)} />}</Route>
        <Route path="/groups/:name/records">{(params) => <RecordBrowserPage groupName={decodePathParam(params.name)} />}</Route>
        <Route path="/groups/:name/table">{(params) => <RecordsTablePage groupName={decodePathParam(params.name)} />}</Route>
        <Route path="/groups/:name/import">{(params) => <BulkImportPage groupName={decodePathParam(params.name)} />}</Route>
        <Route path="/groups/:name/record">{(params) => <RecordRoute name={decodePathParam(params.name)} edit={false} />}</Route>
        <Route path="/groups/:name/record/edit">{(params) => <RecordRoute name={decodePathParam(params.name)} edit />}</Route>
        <Route path="/groups/:name/record/history">{(params) => <RecordHistoryRoute name={decodePathParam(params.name)} />}</Route>
        <Route>
          <div className="panel">
            <h1>Page not found</h1>
            <p>
              <a href="/">Back to the feature groups</a>
            </p>
          </div>
        </Route>
      </Switch>
    </Page>
  );
}
