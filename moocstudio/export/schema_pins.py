"""The official manifest schemas, pinned: every file ``validate`` loads, its SHA-256, its sources.

The pins are the SHA-256 of the files in ``../shared/conformance/schemas/`` (``SOURCES.md`` there
says where each came from). Each file lists where those exact bytes can be downloaded, in the
order they are tried: the publisher's own URL where it serves them (IMS/1EdTech for the Common
Cartridge profiles and the LTI schemas, W3C for ``xml.xsd`` and its DTDs; ADL publishes SCORM
2004 in its own repository), then the public repository copy named in ``SOURCES.md``, at its
pinned commit. A publisher's URL is left out where its file is known to differ from the pinned
one (Moodle's CC 1.1 copies import by relative path, ADL's SCORM 1.2 copies were edited by ADL).

Paths are relative to the schemas folder and use ``/``; the layout is the one
``validate.ROOT_IMPORTS`` and the XSDs' own relative imports expect.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Source:
    """One place to download a pinned file from."""

    url: str
    crlf_line_endings: bool = False
    """The copy there has CRLF line endings where the pinned file has LF; they are converted
    before the SHA-256 is checked (SOURCES.md records that conversion)."""


@dataclass(frozen=True)
class PinnedSchema:
    """A schema file: where it goes, the SHA-256 of its bytes, where to get them (in order)."""

    path: str
    sha256: str
    sources: tuple[Source, ...]

    @property
    def kind(self) -> str:
        """The manifest kind whose folder holds it (``scorm12``, ``scorm2004``, ``cc11``...)."""
        return self.path.split("/", 1)[0]


SourceFor = Callable[[str], Source]


def _github(repo: str, commit: str, folder: str) -> SourceFor:
    """Files of ``folder`` in a GitHub repository, at one commit (raw bytes as committed)."""

    def source(name: str) -> Source:
        return Source(f"https://raw.githubusercontent.com/{repo}/{commit}/{quote(folder)}/{name}")

    return source


def _web(base: str) -> SourceFor:
    return lambda name: Source(f"{base}/{name}")


# Full commit ids where the code index knew them; the others are the 12-digit prefixes
# SOURCES.md gives (GitHub resolves an unambiguous prefix).
_ADL_2004 = _github(
    "adlnet/SCORM-2004-4ed-SampleRTE", "d22df2c4bc80836aefd99762edd99627bacd1cb7", "xml/xsd"
)
_PIPWERKS_12 = _github(
    "pipwerks/SCORM-Manifests", "e725b9a4adb7", "SCORM 1.2 Manifest/SCORM-schemas"
)
_PIPWERKS_2004 = _github(
    "pipwerks/SCORM-Manifests", "e725b9a4adb7", "SCORM 2004 Manifest/SCORM-schemas"
)
_CONFORM_ED_CC13 = _github(
    "conform-ed/conform-ed", "714798ca8a5c", "packages/coverage/vendor/common-cartridge/v1_3"
)
_EBS_MOODLE_CC11 = _github(
    "eduardcloud/aws-ebs-moodle", "7d88c511b5249005f41a447757fcd2481051feb8", "backup/cc/schemas11"
)


def _moodle_cc11(commit: str) -> SourceFor:
    return _github("moodle/moodle", commit, "backup/cc/schemas11")


_IMS_CC11 = _web("https://www.imsglobal.org/profile/cc/ccv1p1")
_IMS_CC13 = _web("https://www.imsglobal.org/profile/cc/ccv1p3")
_IMS_LTI10 = _web("https://www.imsglobal.org/xsd/lti/ltiv1p0")
_W3C_2001 = _web("https://www.w3.org/2001")


def _pins(kind: str, *files: tuple[str, str, tuple[Source, ...]]) -> tuple[PinnedSchema, ...]:
    return tuple(PinnedSchema(f"{kind}/{name}", sha, sources) for name, sha, sources in files)


# The W3C files every kind's folder holds: the 2001/03 xml.xsd (W3C's undated URL now serves a
# later revision) and the DTDs it names; SCORM 2004's imscp_v1p1.xsd imports xml.xsd.
_W3C = (
    (
        "xml.xsd",
        "95907dad3dea7debdd26bddeab77e3946b95370329994beefa74253be105c3e2",
        (_W3C_2001("03/xml.xsd"), _ADL_2004("xml.xsd"), _PIPWERKS_2004("xml.xsd")),
    ),
    (
        "XMLSchema.dtd",
        "c69f01c9bc174fef53908e322e8e294b1f54f9f3430242b02ad8237322eae4b1",
        (_W3C_2001("XMLSchema.dtd"), _ADL_2004("XMLSchema.dtd")),
    ),
    (
        "datatypes.dtd",
        "6946432ca7af2e9584f91b48564111fd2c73c8debbbcd9a0e3f5ddd382eeb51c",
        (_W3C_2001("datatypes.dtd"), _ADL_2004("datatypes.dtd")),
    ),
)


def _adl(name: str, sha: str) -> tuple[str, str, tuple[Source, ...]]:
    return name, sha, (_ADL_2004(name),)


def _adl_or_pipwerks(name: str, sha: str) -> tuple[str, str, tuple[Source, ...]]:
    # SOURCES.md: byte-identical in pipwerks/SCORM-Manifests, a second copy if GitHub has one.
    return name, sha, (_ADL_2004(name), _PIPWERKS_2004(name))


SCORM12 = _pins(
    "scorm12",
    *_W3C,
    (
        "imscp_rootv1p1p2.xsd",
        "d9ee699094e0db4518cf0143c81873d196b2683cf1c5ed770f108239ee079dda",
        (_PIPWERKS_12("imscp_rootv1p1p2.xsd"),),
    ),
    (
        "adlcp_rootv1p2.xsd",
        "173decaf9cd31ea847e6ff6853c702137974aca6b56567151aa4a885e0aa4883",
        (_PIPWERKS_12("adlcp_rootv1p2.xsd"),),
    ),
    (
        "imsmd_rootv1p2p1.xsd",
        "51310a1097f373e619e54ef2ba9c050117de4822e6119a1cc2a3d07cfe450db9",
        (_PIPWERKS_12("imsmd_rootv1p2p1.xsd"),),
    ),
    (
        "ims_xml.xsd",
        "5209ff1d1e89cac16e797a2cdb0d5f345343ad97c1b125483a4bc6fc29319bd5",
        (_PIPWERKS_12("ims_xml.xsd"),),
    ),
)

SCORM2004 = _pins(
    "scorm2004",
    *_W3C,
    _adl("imscp_v1p1.xsd", "37d9a70b8b9b0303cdee1af5839fe8b32c2724c39d8124e714af650da4a08cdb"),
    _adl_or_pipwerks(
        "adlcp_v1p3.xsd", "87cefec31b160a1ecc9ffd1475bee6cb0e2d71b2bcd76ba1a08df0ac90cf8f7d"
    ),
    _adl_or_pipwerks(
        "adlseq_v1p3.xsd", "162b5ca35a3fc43107efe0f78f5216c76f6cad8e13921c8332b7b82db7c4ae08"
    ),
    _adl_or_pipwerks(
        "adlnav_v1p3.xsd", "1fc2678e9acaee07ba8b0da93caa5f52da5167f2999c4adbd0a4ad74c15c8bfb"
    ),
    _adl_or_pipwerks(
        "imsss_v1p0.xsd", "53565d8b23842d5b667beffa4ed100e3e06cdd778b60b85efc38e7a9a1f52a90"
    ),
    _adl_or_pipwerks(
        "imsss_v1p0auxresource.xsd",
        "c0dd16d707f37c4d26484d7c233eea6d9ccbb8bad643040359f4b4f2944c057a",
    ),
    _adl_or_pipwerks(
        "imsss_v1p0control.xsd",
        "c8564177ca7b1c241d6ca893652f6946eb91fee450dce8607ba2189ba88e7969",
    ),
    _adl_or_pipwerks(
        "imsss_v1p0delivery.xsd",
        "58d4f343e3302e2986a641b066a3f0b30bd895b62d358a184cb5c3455427392c",
    ),
    _adl_or_pipwerks(
        "imsss_v1p0limit.xsd", "debda0a7fe2a1ce6e063383c4efc9fbd5f2341355c85d66062742657be2418a9"
    ),
    _adl_or_pipwerks(
        "imsss_v1p0objective.xsd",
        "776e091df47e934432c78703e552482e83165f75c9bf89c6320ee035ecd7ae69",
    ),
    _adl_or_pipwerks(
        "imsss_v1p0random.xsd", "3442393c455d8a984853c1c7cdf1bf6ccf4d0c58452c0e39b6c0aab65339f597"
    ),
    _adl_or_pipwerks(
        "imsss_v1p0rollup.xsd", "85100e4c7ba8eff77102d73d2ce265ddd803d13191a1d2b81bf3bf8bb1eac554"
    ),
    _adl_or_pipwerks(
        "imsss_v1p0seqrule.xsd",
        "b8fbd362e2408d318ae97cc70a7d3a8a536db29150b7ef7b355f394d06027023",
    ),
    _adl_or_pipwerks(
        "imsss_v1p0util.xsd", "b7234f3f62ede3f8dc6cd35053805ad021b4642b54f34b7960945981be95a438"
    ),
    _adl("lom.xsd", "c75cc4b226826e0532597b2fb62487b8c942fc5b6119d12d55798eb4c30c004a"),
    _adl("lomStrict.xsd", "82886e7ecb2affcc0fc3ed30f9d40476d8d57bea918bfb11e2437fd84a237a12"),
    _adl("lomLoose.xsd", "3adc777633215d1f85aea10ceaa3d27b10be2908b3f006bb86459302941b0ed8"),
    _adl("lomCustom.xsd", "451c2ee5a55ba231c2fc34138bb1c1d733649f6c9598e282a654a002d2e067d0"),
    _adl(
        "common/anyElement.xsd", "cac6e4e3865324aa749b45d43f69f252e3447c7ab1d3a6432ed78c5388aefeea"
    ),
    _adl(
        "common/dataTypes.xsd", "b5ed98fd78019103deb5cf41642f477e4e522de48795874715b18df617086ac7"
    ),
    _adl(
        "common/elementNames.xsd",
        "1e9abdb0af7896ad7856eac903d210a5235fec2bca62cbef8e45014794513636",
    ),
    _adl(
        "common/elementTypes.xsd",
        "703c395e67753c1710544c668cdfdfe510a0ea7060f644b6180fbeaef48b9226",
    ),
    _adl(
        "common/rootElement.xsd",
        "85855fd15bb5029fca257cf4253cdba42cac49be7698efaaf4f81787afb7b344",
    ),
    _adl(
        "common/vocabTypes.xsd", "5e06bd22cf08a56d0634e73ff33e02ea2d437695a6167c275e843bdf7f5138c4"
    ),
    _adl(
        "common/vocabValues.xsd",
        "428caec4a51277aa28c571d1d488ab7ff7720d6cd90c1a87ed3a5a6e36b945a9",
    ),
    _adl("unique/strict.xsd", "a85e93aee43885242179a5a56d0472e03e58bacf72ab128b8fcee4f363cbc1ff"),
    _adl("unique/loose.xsd", "06bc22c9f52d577d2e90d304da32324c8badd9b577aa6157786338184218ffb4"),
    _adl("vocab/strict.xsd", "6411e6ca24441648c940e849355485c723e9b7577dacd3d967ebce9b8332e962"),
    _adl("vocab/loose.xsd", "71f4e06f1caf74649297b3b60b4d0be18909966fc90f159d926d762720d89d4a"),
    _adl("vocab/custom.xsd", "ecc663e47037db127d060ec62bf360f590d5a1d623af7dc22522f1d9d04c0b3f"),
    _adl(
        "vocab/adlmd_vocabv1p0.xsd",
        "b62cfc60fb7e719dcde49f05216f727e31d3cb286a40a3756b6183bce1726f9e",
    ),
    _adl("extend/strict.xsd", "8f456ea45b7512e3e0d66b166ad9bc6b931e4761c2ad55eaedc463e016410b03"),
    _adl("extend/custom.xsd", "d5d2635abaeef4df02106fc4b8dd220e11e641c00842f1f8f6c32949a6ddc236"),
)


def _crlf(source: Source) -> Source:
    return Source(source.url, crlf_line_endings=True)


def _cc11_profile(
    name: str, sha: str, moodle_commit: str, ims: SourceFor | None = _IMS_CC11
) -> tuple[str, str, tuple[Source, ...]]:
    """A CC 1.1 file: IMS's URL first where IMS's copy is the same file (``ims``), then Moodle's."""
    # After Moodle's own commit, a 2017 import of Moodle whose copies have CRLF line endings.
    copies = (_moodle_cc11(moodle_commit)(name), _crlf(_EBS_MOODLE_CC11(name)))
    return name, sha, ((ims(name), *copies) if ims else copies)


# The IMS CC 1.1 Final XSD bundle lists seven of these files at the pinned sizes. Moodle changed
# the other four (their imports point at local files), so IMS's URLs cannot give those bytes.
CC11 = _pins(
    "cc11",
    *_W3C,
    _cc11_profile(
        "ccv1p1_imscp_v1p2_v1p0.xsd",
        "81fccedfd241e0eb75aa856d817d2f260cc0a23bac36562f14f5cdc6ed0b4d17",
        "c8ead2012272ebd904f3029c9dc31564d47421e5",
        ims=None,
    ),
    _cc11_profile(
        "ccv1p1_imsccauth_v1p1.xsd",
        "d9129dad9f48168e6be1d279aeac59b6812c9c3cb71134b9a847fee89891c7c4",
        "c8ead2012272ebd904f3029c9dc31564d47421e5",
    ),
    _cc11_profile(
        "ccv1p1_lommanifest_v1p0.xsd",
        "7618b1ca1ad3b5858ac69835a66b4307396c121e8ab9e87dd533479f682bea0f",
        "45079d79642fefbd1bbbebf113cad49de3b98fde",
        ims=_web("https://www.imsglobal.org/profile/cc/ccv1p1/LOM"),
    ),
    _cc11_profile(
        "ccv1p1_lomresource_v1p0.xsd",
        "7d9250e5e6fc8e9bbb174005413f403c906d61aa3cf8bba65b80dc3450797ccd",
        "e80a1752d29385b39382af2ee4dc6a41f06c083d",
        ims=_web("https://www.imsglobal.org/profile/cc/ccv1p1/LOM"),
    ),
    _cc11_profile(
        "ccv1p1_imswl_v1p1.xsd",
        "50bb2dd86577030d018bfd9e88d6a02dcfe82acc09434b36306bcef054689244",
        "2d00328603b5401a3248bae0135461e268cc77bb",
    ),
    _cc11_profile(
        "ccv1p1_imsdt_v1p1.xsd",
        "189edff3b30899044735be7386d7a4d85190f244d31f66aeea0857b165e6b5b7",
        "452e36fcf584677c104e53bc9998e8b53f7533e8",
    ),
    _cc11_profile(
        "ccv1p1_qtiasiv1p2p1_v1p0.xsd",
        "052384f220a2122910c7fa3268e3ffee45a71bb4012d16018fdabf7b0bc2f938",
        "2d00328603b5401a3248bae0135461e268cc77bb",
        ims=None,
    ),
    _cc11_profile(
        "imslticc_v1p0p1.xsd",
        "99cd398e610ae5f0530a87364dcc98295b1919b0c2173deae7d27253b12dcf69",
        "9762977c028cbd1884ed311a94c49efbae87591b",
        ims=None,
    ),
    _cc11_profile(
        "imsbasiclti_v1p0p1.xsd",
        "f77a7cf0f590b921d4a04c1241c16f16da53943896cb7d6255a3eac34a962b7d",
        "a11886be6319a890454cd61e3eb48aed88543814",
        ims=None,
    ),
    _cc11_profile(
        "imslticm_v1p0.xsd",
        "d0072e310861eacb2799fd7d432c623399a8facad9404d768431f4973e0e2931",
        "42dffc6febd333ade45e4dcdc66e3ee8d2d743cb",
        ims=_IMS_LTI10,
    ),
    # No copy from moodle/moodle itself: IMS's, then the CRLF copy of a Moodle import.
    (
        "imslticp_v1p0.xsd",
        "bf08080f5850ff40ae5bf2860b74e293783aeebb7a0b4e32cef47704744d0109",
        (
            _IMS_LTI10("imslticp_v1p0.xsd"),
            _crlf(_EBS_MOODLE_CC11("imslticp_v1p0.xsd")),
        ),
    ),
)


def _cc13(name: str, sha: str, ims: SourceFor = _IMS_CC13) -> tuple[str, str, tuple[Source, ...]]:
    # conform-ed copied these verbatim from the IMS CC 1.3 binding bundle.
    return name, sha, (ims(name), _CONFORM_ED_CC13(name))


CC13 = _pins(
    "cc13",
    *_W3C,
    _cc13(
        "ccv1p3_imscp_v1p2_v1p0.xsd",
        "ad96ef19dfb66d2d22c20722a46a3c3b37b9ba8a155d496d18b425fa887b035f",
    ),
    _cc13(
        "ccv1p3_imsccauth_v1p3.xsd",
        "b47fd703287a2d1d10bb37f677f9704180abb633e9b41d856eb60985fa6228b9",
    ),
    _cc13(
        "ccv1p3_imscsmd_v1p0.xsd",
        "364e2d5ebc274c03370ea3c5c82ef644bd9880a3499b9656096e48cda2638fb8",
    ),
    _cc13(
        "ccv1p3_lommanifest_v1p0.xsd",
        "b4b92a6780b3f8df2c7bfb42b13bbee24a68a5863dc9b8ba3283a9d304834855",
        ims=_web("https://www.imsglobal.org/profile/cc/ccv1p3/LOM"),
    ),
    _cc13(
        "ccv1p3_lomresource_v1p0.xsd",
        "ecd1883e727eb1d28d2889bb6843e168fd3147d75cd401889a8f0349f86448a6",
        ims=_web("https://www.imsglobal.org/profile/cc/ccv1p3/LOM"),
    ),
    _cc13(
        "ccv1p3_lomccltilink_v1p0.xsd",
        "9ae1fd73bcca86466b748ccbc9079abb5e6521124486e14711f25eab6465fe57",
        ims=_web("https://www.imsglobal.org/profile/cc/ccv1p3/LOM"),
    ),
    _cc13(
        "ccv1p3_imswl_v1p3.xsd",
        "8aa100742d93ed5eff35387d62d767ecd160426a58efc2accb5c6cb7283a761e",
    ),
    _cc13(
        "ccv1p3_imsdt_v1p3.xsd",
        "6a10c20b556a0ed59d3cf18632e7ca0100d689f2634eeddbc039e2fd41846ab3",
    ),
)

PINNED: tuple[PinnedSchema, ...] = SCORM12 + SCORM2004 + CC11 + CC13
"""Every schema file of the four kinds, in a stable order."""
