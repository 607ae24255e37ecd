using System;
using System.Collections.Generic;
using System.Threading;
using ExecutionContext = Amazon.Runtime.Internal.ExecutionContext;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Telemetry;
using Amazon.Runtime.Telemetry.Tracing;
using RootGuard.Core.Aws.EventBridge;
using RootGuard.Core.Aws.EventBridge.Model;
using RootGuard.Core.Aws.Runtime;
using RootGuard.Testing;
using System.Net;
using Xunit;

namespace RootGuard.Core.Tests.Aws;

/// <summary>
/// The metrics handler RootGuard's clients use in place of the SDK's: a failed call is not traced (its stack trace is
/// not read) while telemetry goes nowhere, and goes through the SDK's own handler, span and all, once a tracer is
/// registered.
/// </summary>
public sealed class UntracedMetricsHandlerTests
{
    [Fact]
    public void Clients_use_it_in_place_of_the_SDKs_metrics_handler()
    {
        using var client = new EventBridgeClient(new AnonymousAWSCredentials(), new EventBridgeConfig { RegionEndpoint = Amazon.RegionEndpoint.USEast1 });
        var handlers = PipelineHandlers(client);

        Assert.Contains(handlers, h => h is UntracedMetricsHandler);
        Assert.DoesNotContain(handlers, h => h is MetricsHandler);
    }

    [Fact]
    public async Task Without_telemetry_a_failure_passes_through_with_its_stack_trace_unread_and_the_call_timed()
    {
        var failure = new CountingException();
        var context = Context(new DefaultTelemetryProvider());

        var thrown = await Assert.ThrowsAsync<CountingException>(() => Pipeline(failure).InvokeAsync<AmazonWebServiceResponse>(context));

        Assert.Same(failure, thrown);
        Assert.Equal(0, failure.StackTraceReads);
        Assert.True(context.RequestContext.Metrics.Timings.ContainsKey(Metric.ClientExecuteTime));
    }

    [Fact]
    public async Task With_a_tracer_registered_the_SDKs_handler_records_a_failed_call_on_its_span()
    {
        var telemetry = new DefaultTelemetryProvider();
        var tracer = new RecordingTracerProvider();
        telemetry.RegisterTracerProvider(tracer);
        using var handler = TestClients.Offline();
        handler.Stub("events", "DescribeRule", StubResponse.Json("{\"__type\":\"ResourceNotFoundException\",\"message\":\"Rule RootGuard-RootSignIn does not exist.\"}", HttpStatusCode.BadRequest, "application/x-amz-json-1.1"));
        var config = new EventBridgeConfig
        {
            RegionEndpoint = Amazon.RegionEndpoint.USEast1,
            TelemetryProvider = telemetry,
            MaxErrorRetry = 0,
            HttpClientFactory = new HandlerHttpClientFactory(handler.CreateFactory()),
        };
        using var client = new EventBridgeClient(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), config);

        var thrown = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => client.DescribeRuleAsync(new DescribeRuleRequest { Name = "RootGuard-RootSignIn" }));

        var call = Assert.Single(tracer.Spans, span => span.Name == "EventBridge.DescribeRule");
        Assert.Same(thrown, Assert.Single(call.Exceptions));
    }

    [Fact]
    public void Without_telemetry_a_success_is_timed_as_the_SDK_times_it()
    {
        var context = Context(new DefaultTelemetryProvider());

        Pipeline(failure: null).InvokeSync(context);

        Assert.True(context.RequestContext.Metrics.Timings.ContainsKey(Metric.ClientExecuteTime));
        Assert.Equal(false, context.RequestContext.Metrics.Properties[Metric.AsyncCall][0]);
    }

    private static RuntimePipeline Pipeline(Exception? failure) =>
        new(new List<IPipelineHandler> { new Answering(failure), new UntracedMetricsHandler() });

    private static ExecutionContext Context(TelemetryProvider telemetry)
    {
        var config = new EventBridgeConfig { RegionEndpoint = Amazon.RegionEndpoint.USEast1, TelemetryProvider = telemetry };
        var request = new DescribeRuleRequest { Name = "RootGuard-RootSignIn" };
        var requestContext = new RequestContext(true)
        {
            ClientConfig = config,
            OriginalRequest = request,
            Request = new DefaultRequest(request, config.ServiceId),
        };
        return new ExecutionContext(requestContext, new ResponseContext { Response = new DescribeRuleResponse() });
    }

    private static IReadOnlyList<IPipelineHandler> PipelineHandlers(AmazonServiceClient client)
    {
        var pipeline = (RuntimePipeline)typeof(AmazonServiceClient)
            .GetProperty("RuntimePipeline", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!
            .GetValue(client)!;
        return pipeline.Handlers;
    }

    /// <summary>The innermost handler: fails with the exception, or answers.</summary>
    private sealed class Answering(Exception? failure) : PipelineHandler
    {
        public override void InvokeSync(IExecutionContext executionContext)
        {
            if (failure is not null) throw failure;
        }

        public override Task<T> InvokeAsync<T>(IExecutionContext executionContext) =>
            failure is not null ? Task.FromException<T>(failure) : Task.FromResult((T)executionContext.ResponseContext.Response);
    }

    /// <summary>Counts the reads of its stack trace.</summary>
    private sealed class CountingException : Exception
    {
        private int reads;

        public CountingException() : base("Rule RootGuard-RootSignIn does not exist.") { }

        public int StackTraceReads => Volatile.Read(ref reads);

        public override string? StackTrace
        {
            get
            {
                Interlocked.Increment(ref reads);
                return base.StackTrace;
            }
        }
    }

    private sealed class RecordingTracerProvider : TracerProvider
    {
        public List<RecordingSpan> Spans { get; } = new();

        public override Tracer GetTracer(string scope) => new RecordingTracer(this);

        private sealed class RecordingTracer(RecordingTracerProvider provider) : Tracer
        {
            public override TraceSpan CreateSpan(string name, Attributes? initialAttributes = null, SpanKind spanKind = SpanKind.INTERNAL, SpanContext? parentContext = null)
            {
                var span = new RecordingSpan(name);
                lock (provider.Spans) provider.Spans.Add(span);
                return span;
            }
        }
    }

    private sealed class RecordingSpan : TraceSpan
    {
        public RecordingSpan(string name) => Name = name;

        public List<Exception> Exceptions { get; } = new();

        public override void EmitEvent(string name, Attributes? attributes = null) { }

        public override void SetAttribute(string key, object value) { }

        public override void SetStatus(SpanStatus status) { }

        public override void RecordException(Exception exception, Attributes? attributes = null) => Exceptions.Add(exception);

        public override void End() { }
    }
}
