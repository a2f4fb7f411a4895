package dev.statelab.compare;

import java.util.List;

/**
 * The result of one scenario run through both APIs.
 *
 * @param scenario the scenario's name, as requested
 * @param folder   the scratch folder in the caller's home (removed again after the run)
 * @param state    where the FTP-style state lived and what sharing it cost
 */
public record Run(String scenario, String title, String summary, String folder, List<Step> steps, Totals http,
                  Totals ftp, List<String> notes, StateLocation state) {
}
