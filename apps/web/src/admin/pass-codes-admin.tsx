'use client';

import { errorReason, type RouterOutputs } from '@puffy/client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../trpc/react';

type PassCode = RouterOutputs['admin']['passCode']['create'];

export function PassCodesAdmin({ ownUserId }: { ownUserId: string }) {
  const trpc = useTRPC();
  const [ownerId, setOwnerId] = useState(ownUserId);
  const [code, setCode] = useState('');
  const [maxUses, setMaxUses] = useState('10');
  const [expires, setExpires] = useState('');
  const [made, setMade] = useState<PassCode[]>([]);
  const create = useMutation(
    trpc.admin.passCode.create.mutationOptions({
      onSuccess: (passCode) => {
        setMade((m) => [passCode, ...m]);
        setCode('');
      },
    }),
  );
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    create.mutate({
      ownerId: ownerId.trim(),
      maxUses: Number(maxUses),
      ...(code.trim() ? { code: code.trim() } : {}),
      ...(expires ? { expiresAt: new Date(`${expires}T23:59:59Z`) } : {}),
    });
  };
  const error = create.error
    ? errorReason(create.error) === 'PASS_CODE_TAKEN'
      ? 'That code already exists.'
      : create.error.message
    : null;
  return (
    <section className="panel" aria-labelledby="passcodes-heading">
      <h2 id="passcodes-heading">Pass codes</h2>
      <form onSubmit={submit}>
        <div className="row">
          <div className="field">
            <label htmlFor="pc-owner">Owner (user id)</label>
            <input id="pc-owner" value={ownerId} onChange={(e) => setOwnerId(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="pc-code">Code (blank: generated)</label>
            <input id="pc-code" value={code} onChange={(e) => setCode(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="pc-uses">Maximum uses</label>
            <input
              id="pc-uses"
              value={maxUses}
              inputMode="numeric"
              onChange={(e) => setMaxUses(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="pc-expires">Expires on (optional)</label>
            <input
              id="pc-expires"
              type="date"
              value={expires}
              onChange={(e) => setExpires(e.target.value)}
            />
          </div>
        </div>
        <button type="submit" disabled={create.isPending}>
          Create pass code
        </button>
        {error && <p className="error">{error}</p>}
      </form>
      {made.length > 0 && (
        <ul>
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
