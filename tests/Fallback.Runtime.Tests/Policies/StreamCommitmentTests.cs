using Microsoft.Extensions.AI;

namespace Fallback.Runtime.Tests.Policies;

public class StreamCommitmentTests
{
    [Fact]
    public void Updates_the_caller_cannot_see_are_held_until_content_then_released_first_in_order()
    {
        var commitment = new StreamCommitment();
        var start = new ChatResponseUpdate(ChatRole.Assistant, contents: []);
        var role = new ChatResponseUpdate(ChatRole.Assistant, contents: []);
        var text = new ChatResponseUpdate(ChatRole.Assistant, "hello");

        Assert.True(commitment.TryHold(start, StreamRecovery.Report));
        Assert.True(commitment.TryHold(role, StreamRecovery.Report));
        Assert.False(commitment.IsCommitted);
        Assert.False(commitment.TryHold(text, StreamRecovery.Report));
        Assert.Same(start, commitment.FirstOfOutput(text));

        Assert.True(commitment.TryRelease(out ChatResponseUpdate first));
        Assert.True(commitment.TryRelease(out ChatResponseUpdate second));
        Assert.False(commitment.TryRelease(out _));
        Assert.Equal((start, role, 2), (first, second, commitment.Delivered));
        Assert.True(commitment.IsCommitted);

        // Once committed nothing is held, content or not.
        Assert.False(commitment.TryHold(new ChatResponseUpdate(ChatRole.Assistant, contents: []), StreamRecovery.Report));
    }

    [Fact]
    public void A_finish_reason_is_visible_and_a_failed_attempt_drops_what_it_held()
    {
        var commitment = new StreamCommitment();
        Assert.False(commitment.TryHold(new ChatResponseUpdate { FinishReason = ChatFinishReason.Stop }, StreamRecovery.Report));

        var held = new ChatResponseUpdate(ChatRole.Assistant, contents: []);
        Assert.True(commitment.TryHold(held, StreamRecovery.Report));
        commitment.Drop();
        var text = new ChatResponseUpdate(ChatRole.Assistant, "from the next model");
        Assert.Same(text, commitment.FirstOfOutput(text));
        Assert.False(commitment.TryRelease(out _));
        Assert.False(commitment.IsCommitted);
    }

    [Theory]
    [InlineData(false, true, true)]
    [InlineData(true, true, false)]
    [InlineData(false, false, false)]
    public void A_stream_that_ends_without_a_finish_reason_is_cut_when_one_is_required(bool sawFinishReason, bool required, bool cut)
        => Assert.Equal(cut, StreamCommitment.EndedCut(sawFinishReason, required));

    [Fact]
    public void Buffering_holds_every_update_content_and_finish_reason_included()
    {
        var commitment = new StreamCommitment();
        var text = new ChatResponseUpdate(ChatRole.Assistant, "hello");
        var last = new ChatResponseUpdate(ChatRole.Assistant, " world") { FinishReason = ChatFinishReason.Stop };

        Assert.True(commitment.TryHold(text, StreamRecovery.Buffer));
        Assert.True(commitment.TryHold(last, StreamRecovery.Buffer));
        Assert.False(commitment.IsCommitted);
        Assert.True(commitment.TryRelease(out ChatResponseUpdate first));
        Assert.True(commitment.TryRelease(out ChatResponseUpdate second));
        Assert.Equal((text, last, 2), (first, second, commitment.Delivered));
    }
}
