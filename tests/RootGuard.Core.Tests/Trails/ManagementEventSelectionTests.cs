using RootGuard.Core.Aws.CloudTrail.Model;
using RootGuard.Core.Trails;
using Xunit;

namespace RootGuard.Core.Tests.Trails
{
    public sealed class ManagementEventSelectionTests
    {
        [Theory]
        [InlineData("All", true, true)]
        [InlineData("ReadOnly", true, false)]
        [InlineData("WriteOnly", true, false)]
        [InlineData("All", false, false)]
        public void Basic_event_selectors_record_management_events_only_when_read_and_write(string readWrite, bool include, bool expected) =>
            Assert.Equal(expected, ManagementEventSelection.Of(new GetEventSelectorsResponse
            {
                EventSelectors = { new EventSelector { ReadWriteType = readWrite, IncludeManagementEvents = include } },
            }).ReadAndWrite);

        [Fact]
        public void Advanced_selectors_for_management_events_count_and_a_readOnly_field_narrows_them()
        {
            AdvancedEventSelector Selector(string? readOnly)
            {
                var s = new AdvancedEventSelector { FieldSelectors = { new AdvancedFieldSelector { Field = "eventCategory", Equals = { "Management" } } } };
                if (readOnly != null) s.FieldSelectors.Add(new AdvancedFieldSelector { Field = "readOnly", Equals = { readOnly } });
                return s;
            }

            Assert.True(ManagementEventSelection.Of(new GetEventSelectorsResponse { AdvancedEventSelectors = { Selector(null) } }).ReadAndWrite);
            Assert.False(ManagementEventSelection.Of(new GetEventSelectorsResponse { AdvancedEventSelectors = { Selector("true") } }).ReadAndWrite);
            Assert.True(ManagementEventSelection.Of(new GetEventSelectorsResponse { AdvancedEventSelectors = { Selector("true"), Selector("false") } }).ReadAndWrite);
        }

        [Fact]
        public void A_read_only_and_a_write_only_basic_selector_together_record_all_management_events()
        {
            var selectors = new GetEventSelectorsResponse
            {
                EventSelectors =
                {
                    new EventSelector { ReadWriteType = "ReadOnly", IncludeManagementEvents = true },
                    new EventSelector { ReadWriteType = "WriteOnly", IncludeManagementEvents = true },
                },
            };
            Assert.Null(ManagementEventSelection.Of(selectors).Missing);
        }

        [Fact]
        public void An_advanced_management_selector_with_event_source_exclusions_records_management_events()
        {
            var selectors = new GetEventSelectorsResponse
            {
                AdvancedEventSelectors =
                {
                    new AdvancedEventSelector
                    {
                        FieldSelectors =
                        {
                            new AdvancedFieldSelector { Field = "eventCategory", Equals = { "Management" } },
                            new AdvancedFieldSelector { Field = "eventSource", NotEquals = { "kms.amazonaws.com" } },
                        },
                    },
                },
            };
            Assert.Null(ManagementEventSelection.Of(selectors).Missing);
        }

        [Fact]
        public void An_advanced_selector_limited_to_read_only_events_misses_writes()
        {
            var selectors = new GetEventSelectorsResponse
            {
                AdvancedEventSelectors =
                {
                    new AdvancedEventSelector
                    {
                        FieldSelectors =
                        {
                            new AdvancedFieldSelector { Field = "eventCategory", Equals = { "Management" } },
                            new AdvancedFieldSelector { Field = "readOnly", Equals = { "true" } },
                        },
                    },
                },
            };
            Assert.Equal("write", ManagementEventSelection.Of(selectors).Missing);
        }

        [Fact]
        public void An_advanced_selector_on_one_event_source_does_not_record_all_management_events()
        {
            var selectors = new GetEventSelectorsResponse
            {
                AdvancedEventSelectors =
                {
                    new AdvancedEventSelector
                    {
                        FieldSelectors =
                        {
                            new AdvancedFieldSelector { Field = "eventCategory", Equals = { "Management" } },
                            new AdvancedFieldSelector { Field = "eventSource", Equals = { "iam.amazonaws.com" } },
                        },
                    },
                },
            };
            Assert.Equal("all", ManagementEventSelection.Of(selectors).Missing);
        }

        public static TheoryData<string, GetEventSelectorsResponse, bool> Selectors() => new()
        {
            { "no selectors (CloudTrail's default)", new GetEventSelectorsResponse(), true },
            { "all management events", new GetEventSelectorsResponse { EventSelectors = { new EventSelector { ReadWriteType = "All", IncludeManagementEvents = true } } }, true },
            { "write-only", new GetEventSelectorsResponse { EventSelectors = { new EventSelector { ReadWriteType = "WriteOnly", IncludeManagementEvents = true } } }, true },
            { "read-only", new GetEventSelectorsResponse { EventSelectors = { new EventSelector { ReadWriteType = "ReadOnly", IncludeManagementEvents = true } } }, false },
            { "data events only", new GetEventSelectorsResponse { EventSelectors = { new EventSelector { ReadWriteType = "All", IncludeManagementEvents = false } } }, false },
            {
                "advanced, management", new GetEventSelectorsResponse
                {
                    AdvancedEventSelectors = { new AdvancedEventSelector { FieldSelectors = { new AdvancedFieldSelector { Field = "eventCategory", Equals = { "Management" } } } } },
                },
                true
            },
            {
                "advanced, management without sign-in", new GetEventSelectorsResponse
                {
                    AdvancedEventSelectors =
                    {
                        new AdvancedEventSelector
                        {
                            FieldSelectors =
                            {
                                new AdvancedFieldSelector { Field = "eventCategory", Equals = { "Management" } },
                                new AdvancedFieldSelector { Field = "eventSource", NotEquals = { "signin.amazonaws.com" } },
                            },
                        },
                    },
                },
                false
            },
        };

        [Theory]
        [MemberData(nameof(Selectors))]
        public void Event_selectors_record_sign_ins_only_when_they_keep_management_write_events(string shape, GetEventSelectorsResponse selectors, bool records)
        {
            Assert.True(records == ManagementEventSelection.Of(selectors).RecordsSignIns, shape);
        }

        [Fact]
        public void Basic_ExcludeManagementEventSources_are_named_and_a_selector_without_exclusions_records_them_again()
        {
            var excluding = new EventSelector { ReadWriteType = "All", IncludeManagementEvents = true, ExcludeManagementEventSources = { "kms.amazonaws.com", "rdsdata.amazonaws.com" } };
            Assert.Equal(new[] { "kms.amazonaws.com", "rdsdata.amazonaws.com" },
                ManagementEventSelection.Of(new GetEventSelectorsResponse { EventSelectors = { excluding } }).ExcludedEventSources);
            Assert.Empty(ManagementEventSelection.Of(new GetEventSelectorsResponse
            {
                EventSelectors = { excluding, new EventSelector { ReadWriteType = "All", IncludeManagementEvents = true } },
            }).ExcludedEventSources);
            Assert.Empty(ManagementEventSelection.Of(new GetEventSelectorsResponse()).ExcludedEventSources);
        }

        [Fact]
        public void Advanced_eventSource_exclusions_are_named()
        {
            var selector = new AdvancedEventSelector
            {
                FieldSelectors =
                {
                    new AdvancedFieldSelector { Field = "eventCategory", Equals = { "Management" } },
                    new AdvancedFieldSelector { Field = "eventSource", NotEquals = { "kms.amazonaws.com" }, NotStartsWith = { "rds" } },
                },
            };
            var selection = ManagementEventSelection.Of(new GetEventSelectorsResponse { AdvancedEventSelectors = { selector } });
            Assert.True(selection.ReadAndWrite);
            Assert.Equal(new[] { "kms.amazonaws.com", "event sources starting with 'rds'" }, selection.ExcludedEventSources);
        }
    }
}
