'use client';

import { errorReason, type RouterOutputs } from '@puffy/client';
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Success, TextField } from '../components/field';
import { adviceFor } from '../lib/refusals';
import { useTRPC } from '../trpc/react';
import { type FormErrors, hasErrors } from './form-rules';
import {
  ownerAddressError,
  type PassCodeField,
  type PassCodeForm,
  passCodeInput,
  validatePassCode,
} from './pass-code-form';

type PassCode = RouterOutputs['admin']['passCode']['create'];
type Owner = RouterOutputs['admin']['user']['byAddress'];

const shortAddress = (a: string) => `${a.slice(0, 4)}…${a.slice(-4)}`;
const NO_SUCH_OWNER =
  'No one has signed in with this wallet yet: they need to sign in once before they can own a code.';

function ownerNote(owner: Owner): string {
  const since = owner.createdAt.toLocaleDateString('en-US', { dateStyle: 'medium' });
  return `Found: ${owner.role === 'admin' ? 'an admin' : 'a buyer'} since ${since}.`;
}

/** Creates pass codes for a holder chosen by wallet address, checked with core's schema. */
export function PassCodesAdmin({ ownAddress }: { ownAddress: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<PassCodeForm>({
    owner: ownAddress,
    code: '',
    maxUses: '10',
    expires: '',
  });
  const [errors, setErrors] = useState<FormErrors<PassCodeField>>({});
  const [made, setMade] = useState<PassCode[]>([]);
  const [done, setDone] = useState<string | null>(null);
  // The owner is looked up when the admin leaves the field (and again before creating).
  const [asked, setAsked] = useState(ownAddress);
  const lookupOf = (address: string) =>
    trpc.admin.user.byAddress.queryOptions(
      ownerAddressError(address) ? skipToken : { address: address.trim() },
      { retry: false },
    );
  const owner = useQuery(lookupOf(asked));
  const current = asked.trim() === form.owner.trim();
  const ownerMessage =
    current && owner.error
      ? errorReason(owner.error) === 'USER_NOT_FOUND'
        ? NO_SUCH_OWNER
        : adviceFor(errorReason(owner.error)).text
      : undefined;

  const create = useMutation(
    trpc.admin.passCode.create.mutationOptions({
      onSuccess: (passCode) => {
        setMade((m) => [passCode, ...m]);
        setForm((f) => ({ ...f, code: '' }));
        setDone(`Created pass code ${passCode.code} for ${shortAddress(form.owner.trim())}.`);
      },
      onError: (err) =>
        setErrors({
          form:
            errorReason(err) === 'PASS_CODE_TAKEN'
              ? 'That code already exists: choose another, or leave it blank to generate one.'
              : adviceFor(errorReason(err)).text,
        }),
    }),
  );
  const set = <K extends keyof PassCodeForm>(key: K, value: PassCodeForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors({});
    setDone(null);
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const problems = validatePassCode(form, null, new Date());
    setErrors(problems);
    if (hasErrors(problems)) return;
    setAsked(form.owner);
    let ownerId: string;
    try {
      ownerId = (await queryClient.fetchQuery(lookupOf(form.owner))).id;
    } catch (err) {
      const notFound = errorReason(err) === 'USER_NOT_FOUND';
      return setErrors(
        notFound ? { owner: NO_SUCH_OWNER } : { form: adviceFor(errorReason(err)).text },
      );
    }
    create.mutate(passCodeInput(form, ownerId));
  };
  return (
    <section className="panel" aria-labelledby="passcodes-heading">
      <h2 id="passcodes-heading">Pass codes</h2>
      <form onSubmit={submit} noValidate>
        <div className="row">
          <TextField
            id="pc-owner"
            label="Owner’s wallet address"
            className="wide"
            value={form.owner}
            error={errors.owner ?? ownerMessage}
            autoComplete="off"
            hint={current && owner.data ? ownerNote(owner.data) : undefined}
            onChange={(v) => set('owner', v)}
            onBlur={() => setAsked(form.owner)}
          />
          <TextField
            id="pc-code"
            label="Code (blank: generated)"
            value={form.code}
            error={errors.code}
            autoComplete="off"
            onChange={(v) => set('code', v)}
          />
          <TextField
            id="pc-uses"
            label="Maximum uses"
            inputMode="numeric"
            value={form.maxUses}
            error={errors.maxUses}
            onChange={(v) => set('maxUses', v)}
          />
          <TextField
            id="pc-expires"
            label="Expires on (optional)"
            type="date"
            value={form.expires}
            error={errors.expiresAt}
            onChange={(v) => set('expires', v)}
          />
        </div>
        <button type="submit" disabled={create.isPending}>
          Create pass code
        </button>
        {errors.form && (
          <p className="error" role="alert">
            {errors.form}
          </p>
        )}
      </form>
      <Success message={done} />
      {made.length > 0 && (
        <ul aria-label="Pass codes created">
          {made.map((p) => (
            <li key={p.id}>
              <span className="mono">{p.code}</span> — {p.maxUses} uses
              {p.expiresAt ? `, until ${p.expiresAt.toISOString().slice(0, 10)}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
