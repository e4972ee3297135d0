import { checkFormDefinition, type FormField, type FormProblem, reviseForm } from '@app/domain';
import { AppError, ErrorCode } from '../common/app-error';
import type { FormFieldDto } from './dto/form-field.dto';

/**
 * The definition a template or a request's form is saved with: the sent fields checked (what
 * class-validator cannot say) and, over a previous definition, revised so that fields left out
 * retire instead of vanishing. Fields sent back with `retired: true` count as left out. Every
 * problem is a 400 naming the path of the field as sent (`fields[2].options`).
 */
export function formDefinition(sent: readonly FormFieldDto[], previous: readonly FormField[] = []): FormField[] {
  // Plain JSON: no class instances or undefined members in what is stored.
  const fields = JSON.parse(JSON.stringify(sent)) as FormField[];
  const problems = checkFormDefinition(fields);
  if (problems.length) throw formProblemsError(problems);
  const kept = fields.map((field, index) => ({ field, index })).filter(({ field }) => !field.retired);
  const revised = reviseForm(
    previous,
    kept.map(({ field }) => field),
  );
  if (!revised.ok) {
    // reviseForm names positions in the list it was given; name them as sent.
    throw formProblemsError(
      revised.problems.map((p) => ({
        ...p,
        field: p.field.replace(/^fields\[(\d+)\]/, (_m, i: string) => `fields[${kept[Number(i)].index}]`),
      })),
    );
  }
  return revised.fields;
}

/** 400 VALIDATION_FAILED listing every problem of a form's definition or values by its path. */
export function formProblemsError(problems: readonly FormProblem[]): AppError {
  return new AppError(
    ErrorCode.VALIDATION_FAILED,
    `Validation failed: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
    problems.map((p) => ({ field: p.field, message: p.message })),
  );
}
