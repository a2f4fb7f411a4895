package dev.statelab.relay;

import java.util.List;

/**
 * The answer to a join. It is also the first event the joining member's subscriber receives, so that
 * nothing published right after the join can overtake it.
 *
 * @param recovered true when {@code history} holds exactly the messages after the position the member
 *                  asked for; false when that position was in another epoch or fell out of the window,
 *                  and {@code history} is then the normal recent history
 */
public record Joined(String room, String nick, String epoch, List<Member.MemberView> members,
                     List<RoomEvent.Message> history, boolean recovered) implements RoomEvent {
}
