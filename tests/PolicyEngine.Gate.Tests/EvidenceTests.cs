using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PolicyEngine.Gate.Inputs.EvidenceFiles;

namespace PolicyEngine.Gate.Tests;

/// <summary>Signature checking on evidence: what verifies, what does not, and why.</summary>
[TestClass]
public sealed class EvidenceTests
{
    private const string Issuer = "privacy@contoso.example";

    [TestMethod]
    [DataRow(DSASignatureFormat.Rfc3279DerSequence)]
    [DataRow(DSASignatureFormat.IeeeP1363FixedFieldConcatenation)]
    public void SignatureOverTheCanonicalItem_Verifies_InEitherEncoding(DSASignatureFormat format)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var item = Item();
        var signature = key.SignData(EvidenceSignature.CanonicalBytes(item), HashAlgorithmName.SHA256, format);

        var status = Verify(item, "k1", Convert.ToBase64String(signature), Trust(key, "k1", Issuer));

        Assert.AreEqual(SignatureStatus.Valid, status);
    }

    [TestMethod]
    public void CanonicalForm_IgnoresKeyOrderAndWhitespace_ButNotValues()
    {
        var a = JsonNode.Parse("{ \"kind\": \"pii-review\", \"issuer\": \"x\", \"subject\": { \"version\": \"1\", \"model\": \"m\" } }")!.AsObject();
        var b = JsonNode.Parse("{\"subject\":{\"model\":\"m\",\"version\":\"1\"},\"issuer\":\"x\",\"kind\":\"pii-review\",\"signature\":{\"keyId\":\"k\",\"value\":\"AA==\"}}")!.AsObject();
        var c = JsonNode.Parse("{ \"kind\": \"pii-review\", \"issuer\": \"y\", \"subject\": { \"version\": \"1\", \"model\": \"m\" } }")!.AsObject();

        Assert.AreEqual("{\"issuer\":\"x\",\"kind\":\"pii-review\",\"subject\":{\"model\":\"m\",\"version\":\"1\"}}", System.Text.Encoding.UTF8.GetString(EvidenceSignature.CanonicalBytes(a)));
        CollectionAssert.AreEqual(EvidenceSignature.CanonicalBytes(a), EvidenceSignature.CanonicalBytes(b));
        CollectionAssert.AreNotEqual(EvidenceSignature.CanonicalBytes(a), EvidenceSignature.CanonicalBytes(c));
    }

    [TestMethod]
    public void ChangedField_AfterSigning_IsInvalid()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var item = EvidenceSignature.Sign(Item(), "k1", key);
        item["digest"] = "sha256:ffff";

        Assert.AreEqual(SignatureStatus.Invalid, Verify(item, "k1", (string)item["signature"]!["value"]!, Trust(key, "k1", Issuer)));
    }

    [TestMethod]
    public void OtherKey_UnknownKeyId_OrKeyOfAnotherIssuer_IsUntrustedOrInvalid()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var item = EvidenceSignature.Sign(Item(), "k1", key);
        var value = (string)item["signature"]!["value"]!;

        Assert.AreEqual(SignatureStatus.Invalid, Verify(item, "k1", value, Trust(other, "k1", Issuer)), "a trusted id with a different key");
        Assert.AreEqual(SignatureStatus.UntrustedKey, Verify(item, "k2", value, Trust(key, "k1", Issuer)), "an id not in the trust file");
        Assert.AreEqual(SignatureStatus.UntrustedKey, Verify(item, "k1", value, Trust(key, "k1", "someone@else.example")), "a key trusted for another issuer");
        Assert.AreEqual(SignatureStatus.Invalid, Verify(item, "k1", "not base64!", Trust(key, "k1", Issuer)));
        Assert.AreEqual(SignatureStatus.Unsigned, EvidenceSignature.Verify(item, Issuer, null, Trust(key, "k1", Issuer)));
    }

    [TestMethod]
    public void TrustFile_RefusesAKeyOnAnotherCurve()
    {
        using var files = new TempFiles();
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var pem = p384.ExportSubjectPublicKeyInfoPem().ReplaceLineEndings("\\n");
        var path = files.Write("trust.json", $"{{ \"keys\": [ {{ \"id\": \"k\", \"issuer\": \"i\", \"publicKey\": \"{pem}\" }} ] }}");

        var error = Assert.ThrowsExactly<InputException>(() => TrustFile.Load(path));

        Assert.AreEqual("keys[0].publicKey", error.Location);
        Assert.Contains("not on curve P-256", error.Problem);
    }

    [TestMethod]
    public void Loader_ChecksEachItemAgainstTheTrustFile()
    {
        using var files = new TempFiles();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signed = EvidenceSignature.Sign(Item(), "k1", key);
        var unsigned = Item();
        var path = files.Write("e.json", new JsonObject { ["items"] = new JsonArray(signed, unsigned) }.ToJsonString());

        var (evidence, file) = EvidenceLoader.Load(path, Trust(key, "k1", Issuer));

        Assert.AreEqual(2, file.Rows);
        Assert.AreEqual(SignatureStatus.Valid, evidence[0].Signature);
        Assert.AreEqual(SignatureStatus.Unsigned, evidence[1].Signature);
        Assert.AreEqual(new DateTimeOffset(2026, 10, 1, 9, 30, 0, TimeSpan.Zero), evidence[0].IssuedAt);
    }

    private static JsonObject Item() => new()
    {
        ["kind"] = "pii-review",
        ["subject"] = new JsonObject { ["model"] = "support-assistant", ["version"] = "2.1.0" },
        ["issuer"] = Issuer,
        ["issuedAt"] = "2026-10-01T09:30:00Z",
        ["digest"] = "sha256:ab",
    };

    private static SignatureStatus Verify(JsonObject item, string keyId, string value, IReadOnlyDictionary<string, TrustedKey> trusted) =>
        EvidenceSignature.Verify(item, Issuer, new EvidenceSignatureDocument { KeyId = keyId, Value = value }, trusted);

    private static Dictionary<string, TrustedKey> Trust(ECDsa key, string id, string issuer) => new() { [id] = new TrustedKey(id, issuer, key) };
}
