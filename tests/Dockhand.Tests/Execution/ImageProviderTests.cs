using Dockhand.Jobs.Execution;
using Dockhand.Jobs.Specs;

namespace Dockhand.Tests.Execution;

public sealed class ImageProviderTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static BuildSpec Build(params (string Name, string Value)[] args) =>
        new() { Args = args.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal) };

    [Theory]
    [InlineData("busybox")]
    [InlineData("busybox:1.36")]
    [InlineData("library/busybox")]
    [InlineData("user/app:tag")]
    [InlineData("user/team/app")]
    public void RegistryOf_ImagesWithoutAHostAreOnDockerHub(string image)
    {
        Assert.Equal("docker.io", ImageProvider.RegistryOf(image));
    }

    [Theory]
    [InlineData("registry.example/app", "registry.example")]
    [InlineData("registry.example/team/app:1", "registry.example")]
    [InlineData("127.0.0.1:5000/app", "127.0.0.1:5000")]
    [InlineData("registry:5000/app", "registry:5000")]
    [InlineData("localhost/app", "localhost")]
    [InlineData("localhost:5000/app@sha256:abc", "localhost:5000")]
    public void RegistryOf_AFirstSegmentWithADotAColonOrLocalhostIsTheHost(string image, string expected)
    {
        Assert.Equal(expected, ImageProvider.RegistryOf(image));
    }

    [Fact]
    public void BuildKey_SameInputsGiveTheSameKey()
    {
        var first = ImageProvider.BuildKey(Digest, Build(("A", "1")) with { Target = "final" });
        var second = ImageProvider.BuildKey(Digest, Build(("A", "1")) with { Target = "final" });

        Assert.Equal(first, second);
        Assert.Matches("^[0-9a-f]{64}$", first);
    }

    [Fact]
    public void BuildKey_TheOrderOfArgsDoesNotMatter()
    {
        Assert.Equal(
            ImageProvider.BuildKey(Digest, Build(("A", "1"), ("B", "2"), ("C", "3"))),
            ImageProvider.BuildKey(Digest, Build(("C", "3"), ("A", "1"), ("B", "2"))));
    }

    [Fact]
    public void BuildKey_IgnoresWhatDoesNotChangeTheImage()
    {
        var plain = new BuildSpec();

        Assert.Equal(ImageProvider.BuildKey(Digest, plain), ImageProvider.BuildKey(Digest, plain with { NoCache = true, Timeout = TimeSpan.FromSeconds(5) }));
    }

    public static TheoryData<string, BuildSpec> ChangedInputs => new()
    {
        { "sha256:" + new string('f', 64), Build(("A", "1")) },
        { Digest, Build(("A", "1")) with { Dockerfile = "docker/app.Dockerfile" } },
        { Digest, Build(("A", "1")) with { Target = "test" } },
        { Digest, Build(("A", "2")) },
        { Digest, Build(("A", "")) },
        { Digest, Build(("B", "1")) },
        { Digest, Build(("A", "1"), ("B", "1")) },
        { Digest, Build() },
    };

    [Theory]
    [MemberData(nameof(ChangedInputs))]
    public void BuildKey_AnyChangedInputGivesAnotherKey(string digest, BuildSpec changed)
    {
        var original = ImageProvider.BuildKey(Digest, Build(("A", "1")));

        Assert.NotEqual(original, ImageProvider.BuildKey(digest, changed));
    }

    [Fact]
    public void BuildKey_AnEqualsSignMovedBetweenNameAndValueGivesAnotherKey()
    {
        Assert.NotEqual(
            ImageProvider.BuildKey(Digest, Build(("a=b", "c"))),
            ImageProvider.BuildKey(Digest, Build(("a", "b=c"))));
    }

    [Fact]
    public void BuildKey_AValueThatLooksLikeSeveralArgsDoesNotCollideWithThoseArgs()
    {
        // Arg values may hold any text, line breaks included (the spec's JSON allows "\n").
        Assert.NotEqual(
            ImageProvider.BuildKey(Digest, Build(("A", "1\nB=2"))),
            ImageProvider.BuildKey(Digest, Build(("A", "1"), ("B", "2"))));
    }

    [Fact]
    public void BuildKey_ADockerfilePathThatLooksLikeATargetDoesNotCollideWithIt()
    {
        Assert.NotEqual(
            ImageProvider.BuildKey(Digest, new BuildSpec { Dockerfile = "Dockerfile\nfinal", Target = null, Args = new Dictionary<string, string> { ["A"] = "1" } }),
            ImageProvider.BuildKey(Digest, new BuildSpec { Dockerfile = "Dockerfile", Target = "final\n", Args = new Dictionary<string, string> { ["A"] = "1" } }));
    }
}
