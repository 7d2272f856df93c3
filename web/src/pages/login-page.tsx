import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { LogInDocument, SignUpDocument } from '../generated/graphql';
import { navigate } from '../route';
import { useSession } from '../session';

/** Log in, or sign up as a new customer. */
export function LoginPage() {
  const { signIn } = useSession();
  const [logIn, loggingIn] = useMutation(LogInDocument);
  const [signUp, signingUp] = useMutation(SignUpDocument);
  const [newAccount, setNewAccount] = useState(false);
  const [form, setForm] = useState({ email: '', password: '', name: '' });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const signedIn = newAccount
      ? (await signUp({ variables: { input: form } })).data?.signUp
      : (await logIn({ variables: { email: form.email, password: form.password } })).data?.logIn;
    if (!signedIn) return;
    signIn(signedIn);
    navigate(signedIn.user.role === 'ADMIN' ? { page: 'admin' } : { page: 'catalogue' });
  };
  const field = (name: keyof typeof form, type: string) => (
    <label>
      {name}{' '}
      <input
        name={name}
        type={type}
        required
        value={form[name]}
        onChange={(event) => setForm({ ...form, [name]: event.target.value })}
      />
    </label>
  );
  const error = loggingIn.error ?? signingUp.error;
  return (
    <form onSubmit={(event) => void submit(event).catch(() => undefined)}>
      <h1>{newAccount ? 'Sign up' : 'Log in'}</h1>
      {field('email', 'email')} {field('password', 'password')} {newAccount && field('name', 'text')}{' '}
      <button type="submit">{newAccount ? 'Sign up' : 'Log in'}</button>{' '}
      <button type="button" onClick={() => setNewAccount(!newAccount)}>
        {newAccount ? 'I have an account' : 'New here? Sign up'}
      </button>
      {error && <p role="alert">{error.message}</p>}
    </form>
  );
}
