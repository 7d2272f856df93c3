import { useState } from 'react';

/**
 * Forward paging by cursor, and back by remembering the cursors already passed: `after` is
 * the current page's cursor, `pager` the Previous/Next buttons for a connection's pageInfo.
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<readonly (string | null)[]>([null]);
  const after = cursors.at(-1) ?? null;
  const reset = () => setCursors([null]);
  const pager = (pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null }) => (
    <>
      <button disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
        Previous
      </button>{' '}
      <button disabled={!pageInfo.hasNextPage} onClick={() => setCursors([...cursors, pageInfo.endCursor])}>
        Next
      </button>
    </>
  );
  return { after, reset, pager };
}
