import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { HamgajaDatabase } from '@hamgaja/shared';
import { FormAlert } from '../../app/forms';
import { PageLoading } from '../../app/PageLoading';
import { useSessionState } from '../../app/services';
import { useDatabaseState } from '../../data/DatabaseProvider';
import { useTripDocuments } from '../../data/hooks';
import { ConflictNotice } from '../conflicts';
import { useTripMembers, useTripRole } from '../sharing/use-trip-role';
import type { ExpenseFields } from './expense-form';
import { ExpensesView } from './ExpensesView';
import { useDeviceRates } from './device-rates';
import { peopleOf } from './people';

/** Writes of a trip's expenses to the local database (they sync like every other edit). */
function expenseActions(db: HamgajaDatabase, tripId: string) {
  return {
    async save(id: string | null, fields: ExpenseFields): Promise<void> {
      if (id === null) {
        await db.expenses.insert({ id: crypto.randomUUID(), tripId, ...fields });
        return;
      }
      await (await db.expenses.findOne(id).exec())?.incrementalPatch(fields);
    },
    async remove(id: string): Promise<void> {
      await (await db.expenses.findOne(id).exec())?.incrementalRemove();
    },
  };
}

/** The trip's expenses, budget and settle-up; read-only for viewers. */
export function ExpensesPanel({ tripId }: { tripId: string }) {
  const { t } = useTranslation();
  const database = useDatabaseState();
  const session = useSessionState();
  const user = session.status === 'authenticated' ? session.user : null;
  const documents = useTripDocuments(tripId);
  const access = useTripRole(tripId);
  const members = useTripMembers(tripId);
  const rates = useDeviceRates();
  const actions = useMemo(
    () => (database.status === 'ready' ? expenseActions(database.db, tripId) : null),
    [database, tripId],
  );
  const expenses = documents.status === 'ready' ? documents.data.expenses : [];
  const people = useMemo(
    () =>
      peopleOf(
        members.members,
        user ? { id: user.id, displayName: user.displayName } : null,
        expenses.flatMap((expense) => [expense.paidBy, ...expense.splitAmong]),
        t('expenses.formerMember'),
      ),
    [members.members, user, expenses, t],
  );

  if (documents.status === 'loading') return <PageLoading />;
  if (documents.status === 'failed') return <FormAlert kind="error">{t('trips.openFailed')}</FormAlert>;
  const { trip, stops } = documents.data;
  if (!trip) return null;
  const need = () => {
    if (!actions) throw new Error('the local database is not open');
    return actions;
  };
  const peopleNote =
    members.state === 'offline' || members.state === 'error'
      ? members.members
        ? t('expenses.membersCached')
        : t('expenses.membersUnknown')
      : null;

  return (
    <ExpensesView
      trip={trip}
      stops={stops}
      expenses={expenses}
      people={people}
      me={user?.id ?? null}
      rates={rates}
      canEdit={access.canEdit && actions !== null}
      peopleNote={access.canEdit ? peopleNote : null}
      onSave={(id, fields) => need().save(id, fields)}
      onDelete={(expense) => need().remove(expense.id)}
      renderNotice={(expense) =>
        expense.conflicts?.length ? <ConflictNotice collection="expenses" document={expense} /> : null
      }
    />
  );
}
