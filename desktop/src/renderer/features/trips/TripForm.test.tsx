// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { useLanguage } from '../../app/test-utils';
import { emptyTripForm, type TripFormValues } from './trip-form';
import { TripForm } from './TripForm';

beforeAll(() => useLanguage('en'));

function renderForm(onSubmit = vi.fn(async (_values: TripFormValues) => null)) {
  render(
    <TripForm
      initial={emptyTripForm()}
      submitLabel="Create trip"
      busyLabel="Creating…"
      cancel={null}
      onSubmit={onSubmit}
    />,
  );
  return onSubmit;
}

describe('TripForm', () => {
  it('keeps a pasted over-long title whole and says how long it may be', async () => {
    const user = userEvent.setup();
    const onSubmit = renderForm();
    const title = screen.getByLabelText('Trip title');
    const long = `Busan ${'x'.repeat(245)}`;
    await user.click(title);
    await user.paste(long);
    expect((title as HTMLInputElement).value).toBe(long);
    expect(title.getAttribute('maxlength')).toBeNull();
    await user.type(screen.getByLabelText('Start date'), '2027-04-10');
    await user.type(screen.getByLabelText('End date'), '2027-04-11');
    await user.click(screen.getByRole('button', { name: 'Create trip' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('Use at most 200 characters (now 251). Please shorten it.')).toBeTruthy();
    expect(document.activeElement).toBe(title);
    // The count follows the typing.
    await user.type(title, '{Backspace}');
    expect(screen.getByText('Use at most 200 characters (now 250). Please shorten it.')).toBeTruthy();
  });

  it('refuses an end date before the start date, says why and focuses the field', async () => {
    const user = userEvent.setup();
    const onSubmit = renderForm();
    await user.type(screen.getByLabelText('Trip title'), 'Jeju');
    await user.type(screen.getByLabelText('Start date'), '2027-04-10');
    await user.type(screen.getByLabelText('End date'), '2027-04-08');
    await user.click(screen.getByRole('button', { name: 'Create trip' }));

    expect(onSubmit).not.toHaveBeenCalled();
    const end = screen.getByLabelText('End date');
    expect(end.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('The end date must be on or after the start date.').id).toBe(
      end.getAttribute('aria-describedby'),
    );
    expect(document.activeElement).toBe(end);
    expect(screen.getByRole('alert').textContent).toContain('Please check the highlighted fields.');
  });

  it('shows the length of the plan and submits the values once they are valid', async () => {
    const user = userEvent.setup();
    const onSubmit = renderForm();
    await user.type(screen.getByLabelText('Trip title'), 'Busan');
    await user.selectOptions(screen.getByLabelText('Region (province or city)'), 'Busan');
    await user.type(screen.getByLabelText('Start date'), '2027-06-05');
    await user.type(screen.getByLabelText('End date'), '2027-06-07');
    expect(screen.getByText('3-day plan')).toBeTruthy();
    await user.type(screen.getByLabelText('Budget'), '250000');
    await user.click(screen.getByRole('button', { name: 'Create trip' }));

    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({
      title: 'Busan',
      regionCode: '6',
      startDate: '2027-06-05',
      endDate: '2027-06-07',
      plannedBudget: '250000',
      currency: 'KRW',
    });
  });

  it('errors follow the typing after a first attempt', async () => {
    const user = userEvent.setup();
    renderForm();
    await user.click(screen.getByRole('button', { name: 'Create trip' }));
    expect(screen.getByText('Enter a title for the trip.')).toBeTruthy();
    await user.type(screen.getByLabelText('Trip title'), 'Seoul');
    expect(screen.queryByText('Enter a title for the trip.')).toBeNull();
  });
});
