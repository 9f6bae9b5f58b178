import { Route, Switch } from 'wouter';
import { GroupPickerPage } from '../features/group-picker';
import { RecordEditorPage } from '../features/record-editor';

export function AppRoutes() {
  return (
    <Switch>
      <Route path="/">
        <GroupPickerPage />
      </Route>
      <Route path="/groups/:name">{(params) => <RecordEditorPage groupName={decodeURIComponent(params.name)} />}</Route>
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
