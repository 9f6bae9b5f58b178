import { Route, Switch, useSearch } from 'wouter';
import { GroupPickerPage } from '../features/group-picker';
import { RecordEditorPage } from '../features/record-editor';
import { RecordBrowserPage, RecordViewPage } from '../features/record-browser';
import { HistoryPage } from '../features/history';
import { decodePathParam } from '../ui/paths';

/** Record identifiers come from the query string (?id=...), so any character survives. */
function useRecordId(): { id: string | undefined; saved: string | undefined } {
  const search = new URLSearchParams(useSearch());
  return { id: search.get('id') ?? undefined, saved: search.get('saved') ?? undefined };
}

function RecordRoute({ name, edit }: { name: string; edit: boolean }) {
  const { id, saved } = useRecordId();
  if (id === undefined) return <RecordBrowserPage groupName={name} />;
  return edit ? <RecordEditorPage groupName={name} recordId={id} /> : <RecordViewPage groupName={name} recordId={id} savedRequestId={saved} />;
}

export function AppRoutes() {
  return (
    <Switch>
      <Route path="/">
        <GroupPickerPage />
      </Route>
      <Route path="/history">
        <HistoryPage />
      </Route>
      <Route path="/groups/:name">{(params) => <RecordEditorPage groupName={decodePathParam(params.name)} />}</Route>
      <Route path="/groups/:name/records">{(params) => <RecordBrowserPage groupName={decodePathParam(params.name)} />}</Route>
      <Route path="/groups/:name/record">{(params) => <RecordRoute name={decodePathParam(params.name)} edit={false} />}</Route>
      <Route path="/groups/:name/record/edit">{(params) => <RecordRoute name={decodePathParam(params.name)} edit />}</Route>
      <Route>
        <div className="panel">
          <h1>Page not found</h1>
          <p>
            <a href="/">Back to the feature groups</a>
          </p>
        </div>
      </Route>
    </Switch>
  );
}
