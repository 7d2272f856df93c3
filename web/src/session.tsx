import { createContext, useContext, useMemo } from 'react';
import type { ReactNode } from 'react';
import type { LogInMutation } from './generated/graphql';
import { useStoredState } from './stored-state';

export type SignedIn = LogInMutation['logIn'];

interface SessionValue {
  readonly session: SignedIn | null;
  readonly signIn: (session: SignedIn) => void;
  readonly signOut: () => void;
}

const SessionContext = createContext<SessionValue | null>(null);
const TOKEN_KEY = 'shopgraph.session';

/** The token, for the Apollo links, which live outside React. */
export const storedToken = (): string | undefined => {
  const stored = window.localStorage.getItem(TOKEN_KEY);
  return stored ? ((JSON.parse(stored) as SignedIn | null)?.token ?? undefined) : undefined;
};

/** The signed-in user and their token, kept across reloads. */
export function SessionProvider({ children, onChange }: { children: ReactNode; onChange: () => void }) {
  const [session, setSession] = useStoredState<SignedIn | null>(TOKEN_KEY, null);
  const value = useMemo<SessionValue>(
    () => ({
      session,
      // another user must never see the last one's cached orders, nor keep their socket
      signIn: (next) => {
        setSession(next);
        onChange();
      },
      signOut: () => {
        setSession(null);
        onChange();
      },
    }),
    [session, setSession, onChange],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
