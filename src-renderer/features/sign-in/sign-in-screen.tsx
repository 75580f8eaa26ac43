/**
 * Sign in to DeepCurrent with email and password or with an API key. Formats are checked before any call (the
 * message stands beside the field); a failed call is told in main's words in an alert region beside the form; a
 * 429 locks the email it was for, with one live `Try again in N s`, shown only while that email is typed. The
 * password and the key live only in this form's inputs and are cleared once submitted; the email is kept after a
 * failure. On the Local emulator, its demo accounts are offered below the form.
 */
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { apiKeyFormatProblem } from '../../../src-shared/credentials';
import { activeAccount, useAppStore } from '../../store';
import type { SignInMode } from '../../store/sign-in-slice';
import { Button } from '../../components/button';
import { ErrorDetail } from '../../components/error-message';
import { Field } from '../../components/field';
import { ScreenHeading } from '../../components/screen-heading';
import { useSecondsLeft } from '../../components/use-seconds-left';
import { shellInput, type ShellInput } from '../../boot/handoff';
import type { DemoSignIn, EnvironmentOption } from '../../../src-shared/models';
import { EnvironmentField, initialEnvironmentChoice, resolveEnvironment, type EnvironmentChoice } from './environment-field';
import { DemoSignIns } from './demo-sign-ins';

const MODES: [SignInMode, string][] = [
  ['password', 'Email and password'],
  ['api-key', 'API key'],
];

interface FieldErrors {
  email?: string;
  password?: string;
  apiKey?: string;
  baseUrl?: string;
}

/** The environment chosen in the prerendered form, when it names one of these options. */
function carriedEnvironment(options: EnvironmentOption[], shell: ShellInput | null): EnvironmentChoice | null {
  const choice = shell?.values.environment ?? '';
  return choice === 'custom' || (/^\d+$/.test(choice) && Number(choice) < options.length) ? { choice, baseUrl: '' } : null;
}

/** The sign-in screen; remounted (fresh inputs) on every `openSignIn`. */
export function SignInScreen() {
  const formKey = useAppStore((s) => s.signIn.formKey);
  return <SignInForm key={formKey} />;
}

function SignInForm() {
  const app = useAppStore((s) => s.app);
  const signIn = useAppStore((s) => s.signIn);
  const hasAccount = useAppStore((s) => activeAccount(s) !== null);
  const setMode = useAppStore((s) => s.setSignInMode);
  const navigate = useAppStore((s) => s.navigate);
  const submitPassword = useAppStore((s) => s.submitPasswordSignIn);
  const submitApiKey = useAppStore((s) => s.submitApiKeySignIn);
  const options = app?.environments ?? [];
  const prefill = signIn.prefill;

  // While the app takes over the prerendered form (boot/handoff.ts), it starts from what was typed there.
  const [shell] = useState(shellInput);
  const [email, setEmail] = useState(shell?.values.email ?? prefill?.email ?? '');
  const [password, setPassword] = useState(shell?.values.password ?? '');
  const [apiKey, setApiKey] = useState('');
  const [env, setEnv] = useState<EnvironmentChoice>(
    () => carriedEnvironment(options, shell) ?? initialEnvironmentChoice(options, prefill?.environment ?? null),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const refs = {
    email: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    apiKey: useRef<HTMLInputElement>(null),
    baseUrl: useRef<HTMLInputElement>(null),
  };

  const lockout = signIn.lockout;
  const secondsLeft = useSecondsLeft(lockout?.until ?? null);
  // The server locks one email: the lockout (its message and its one countdown) shows while that email is typed,
  // and goes away as soon as the email is another one. Signing in with an API key names no email.
  const locked =
    lockout !== null &&
    secondsLeft > 0 &&
    (lockout.email === null || (signIn.mode === 'password' && lockout.email === email.trim().toLowerCase()));
  const mode = signIn.mode;

  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const chooseMode = (next: SignInMode) => {
    setErrors({});
    setMode(next);
  };
  /** Arrow keys, Home and End move between the two tabs (and choose them), as the ARIA tabs pattern asks. */
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const current = MODES.findIndex(([value]) => value === mode);
    const target =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? (current + 1) % MODES.length
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? (current + MODES.length - 1) % MODES.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? MODES.length - 1
              : null;
    if (target === null) return;
    event.preventDefault();
    chooseMode(MODES[target][0]);
    tabs.current[target]?.focus();
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (signIn.pending || locked) return;
    const found: FieldErrors = {};
    const environment = resolveEnvironment(options, env);
    if (!environment.ok) found.baseUrl = environment.error;
    if (mode === 'password') {
      if (!email.trim() || !email.includes('@')) found.email = 'Enter the email address of your DeepCurrent account.';
      if (!password) found.password = 'Enter your password.';
    } else {
      const problem = apiKeyFormatProblem(apiKey);
      if (problem) found.apiKey = problem;
    }
    setErrors(found);
    const firstInvalid = (['email', 'password', 'apiKey', 'baseUrl'] as const).find((k) => found[k]);
    if (firstInvalid || !environment.ok) {
      if (firstInvalid) refs[firstInvalid].current?.focus();
      return;
    }
    if (mode === 'password') {
      const secret = password;
      setPassword('');
      const ok = await submitPassword({ email, password: secret, environment: environment.value });
      if (!ok) refs.password.current?.focus();
    } else {
      const secret = apiKey;
      setApiKey('');
      const ok = await submitApiKey({ apiKey: secret, environment: environment.value });
      if (!ok) refs.apiKey.current?.focus();
    }
  };

  /** The chosen environment's demo accounts (the Local emulator's; none for any other). */
  const demoSignIns = env.choice === 'custom' ? [] : (options[Number(env.choice)]?.demoSignIns ?? []);
  /** Fill in: the demo account's email and password, on the email-and-password tab. */
  const fillIn = (demo: DemoSignIn) => {
    if (mode !== 'password') chooseMode('password');
    setErrors({});
    setEmail(demo.email);
    setPassword(demo.password);
  };

  const error = signIn.error;
  return (
    <div className="screen sign-in">
      <div className="card narrow">
        <ScreenHeading id="sign-in-heading">Sign in to DeepCurrent</ScreenHeading>
        {prefill?.reason ? (
          <p className="alert alert-warning" role="status">
            {prefill.reason}
          </p>
        ) : null}
        <form noValidate onSubmit={(e) => void onSubmit(e)} aria-describedby="sign-in-errors">
          <div role="tablist" aria-label="Sign in with" className="tabs">
            {MODES.map(([value, label], index) => (
              <button
                key={value}
                ref={(el) => {
                  tabs.current[index] = el;
                }}
                type="button"
                role="tab"
                id={`sign-in-tab-${value}`}
                aria-selected={mode === value}
                aria-controls="sign-in-panel"
                tabIndex={mode === value ? 0 : -1}
                className="tab"
                onClick={() => chooseMode(value)}
                onKeyDown={onTabKey}
              >
                {label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id="sign-in-panel" aria-label="Credentials">
            {mode === 'password' ? (
              <>
                <Field label="Email" error={errors.email}>
                  {(control) => (
                    <input
                      {...control}
                      ref={refs.email}
                      name="email"
                      type="email"
                      autoComplete="username"
                      spellCheck={false}
                      value={email}
                      onChange={(e) => setEmail(e.target.value)}
                    />
                  )}
                </Field>
                <Field label="Password" error={errors.password}>
                  {(control) => (
                    <input
                      {...control}
                      ref={refs.password}
                      name="password"
                      type="password"
                      autoComplete="current-password"
                      value={password}
                      onChange={(e) => setPassword(e.target.value)}
                    />
                  )}
                </Field>
              </>
            ) : (
              <Field label="API key" hint='Starts with "dc_". It is checked with DeepCurrent before it is stored.' error={errors.apiKey}>
                {(control) => (
                  <input
                    {...control}
                    ref={refs.apiKey}
                    type="password"
                    autoComplete="off"
                    spellCheck={false}
                    className="mono"
                    value={apiKey}
                    onChange={(e) => setApiKey(e.target.value)}
                  />
                )}
              </Field>
            )}
          </div>

          <EnvironmentField options={options} value={env} onChange={setEnv} baseUrlError={errors.baseUrl ?? null} baseUrlRef={refs.baseUrl} />

          <div id="sign-in-errors" role="alert" className="form-errors">
            {locked ? (
              <div className="alert alert-error">
                <p>{lockout.message}</p>
              </div>
            ) : error ? (
              <div className="alert alert-error">
                <p>{error.message}</p>
                {error.detail ? <ErrorDetail detail={error.detail} /> : null}
              </div>
            ) : null}
          </div>
          {locked ? <p className="countdown">Try again in {secondsLeft} s</p> : null}

          <div className="actions">
            <Button type="submit" variant="primary" disabled={signIn.pending || locked}>
              {signIn.pending ? 'Signing in…' : 'Sign in'}
            </Button>
            {hasAccount ? <Button onClick={() => navigate('account')}>Cancel</Button> : null}
          </div>
        </form>
        <DemoSignIns signIns={demoSignIns} onFill={fillIn} />
      </div>
    </div>
  );
}
