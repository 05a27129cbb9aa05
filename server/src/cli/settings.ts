/** From command-line options to the engine's settings. */
import { rules, type EngineSettings, type RuleSeverity } from '../engine';

/**
 * `--rule` overrides on top of the recommended severities. With `--quiet`, warn-level rules are turned off
 * rather than run and filtered — ESLint does the same (a rule filter), and `--fix --quiet` then applies no
 * fixes from rules whose findings would not be shown.
 */
export function engineSettings(overrides: Readonly<Record<string, RuleSeverity>>, quiet: boolean): EngineSettings {
  const severities: Record<string, RuleSeverity> = {};
  for (const rule of rules) {
    const severity = overrides[rule.id] ?? rule.recommended;
    severities[rule.id] = quiet && severity === 'warn' ? 'off' : severity;
  }
  return { rules: severities };
}
