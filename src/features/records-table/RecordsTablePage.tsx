export function RecordsTablePage({ groupName }: { groupName: string }) {
  return <p>{groupName}</p>;
}
