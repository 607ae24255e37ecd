using System;
using System.Linq;
using Xunit;

namespace RootGuard.Core.Tests
{
    public sealed class RootGuardPermissionsTests
    {
        [Fact]
        public void Every_feature_has_one_list_of_actions_and_none_is_empty()
        {
            Assert.Equal(Enum.GetValues(typeof(RootGuardFeature)).Cast<RootGuardFeature>().OrderBy(f => f),
                RootGuardPermissions.ByFeature.Select(f => f.Feature).OrderBy(f => f));
            Assert.All(RootGuardPermissions.ByFeature, f => Assert.NotEmpty(f.Actions));
        }
    }
}
