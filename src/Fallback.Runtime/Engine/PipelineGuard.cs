using System;
using Microsoft.Extensions.AI;

namespace Fallback;

/// <summary>
/// Refuses a model client whose pipeline invokes functions itself: inside the chain, every retry and every fallback
/// would run the tool loop again, and a side-effecting tool with it (seen: one request, three executions). Function
/// invocation belongs around the chain. Microsoft.Extensions.AI's client is recognised by name (the runtime does not
/// reference that package); its outermost layers are what a client can show, so a function-invoking layer hidden
/// under another is caught by the FB0024 analyzer instead.
/// </summary>
internal static class PipelineGuard
{
    private const string FunctionInvokingClient = "Microsoft.Extensions.AI.FunctionInvokingChatClient";

    public static void Check(string chain, ModelDescriptor model, IChatClient client)
    {
        if (IsFunctionInvoking(client.GetType()) || (client.GetService(typeof(DelegatingChatClient)) is { } outer && IsFunctionInvoking(outer.GetType())))
        {
            throw new InvalidOperationException(
                $"Fallback chain '{chain}': the client for key '{model.Client}' (model {model.Id}) invokes functions itself. Inside a chain every " +
                "retry and fallback would run the tools again. Remove UseFunctionInvocation() from the model's client and put it around the chain " +
                "(for example services.AddChatClient(sp => sp.GetRequiredKeyedService<IChatClient>(\"<chain>\")).UseFunctionInvocation()).");
        }
    }

    private static bool IsFunctionInvoking(Type? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (type.FullName == FunctionInvokingClient)
            {
                return true;
            }
        }

        return false;
    }
}
