// The trip's expenses: who paid, split among whom, the budget and who owes whom.
export { ExpensesPanel } from './ExpensesPanel';
