/*
 * test_checks_policy.c: steps 15-20 (cmsfw__check_policy), table-driven.
 * Each row combines a package (authenticated attributes) and a device
 * state, chosen by index from the small tables below, and the code the
 * policy must give.
 */
#include <stdio.h>
#include <string.h>

#include "tests/checks_util.h"
#include "tests/cu_main.h"

#define HW CK_HW_TYPE
#define OTHER "\x2b\x06\x01\x04\x01\x81\xfd\x59\x01\x09"
#define PKG CK_PKG_OID
#define LIB "\x2b\x06\x01\x04\x01\x81\xfd\x59\x02\x07"
#define COMM "\x2b\x06\x01\x04\x01\x81\xfd\x59\x03\x01"

static cmsfw_bytes
B(const char *s, size_t n)
{
    return tb_bytes((const uint8_t *)s, n);
}
#define BL(s) B(s, sizeof(s) - 1)

/* target lists */
static cmsfw_bytes t_hw[] = {{(const uint8_t *)HW, sizeof(HW) - 1}};
static cmsfw_bytes t_other[] = {{(const uint8_t *)OTHER, sizeof(OTHER) - 1}};
static cmsfw_bytes t_both[] = {{(const uint8_t *)OTHER, sizeof(OTHER) - 1},
                               {(const uint8_t *)HW, sizeof(HW) - 1}};
static const cmsfw_oid_list targets[] = {{t_hw, 1}, {NULL, 0}, {t_other, 1}, {t_both, 2}};

/* serial entries */
#define ENT(k, lo, hi) {k, {(const uint8_t *)lo, sizeof(lo) - 1}, {(const uint8_t *)hi, sizeof(hi) - 1}}
static cmsfw_serial_entry e_all[] = {{CMSFW_SERIAL_ALL, {NULL, 0}, {NULL, 0}}};
static cmsfw_serial_entry e_single[] = {ENT(CMSFW_SERIAL_SINGLE, "\x00\x10", "")};
static cmsfw_serial_entry e_single_no[] = {ENT(CMSFW_SERIAL_SINGLE, "\x00\x11", "")};
static cmsfw_serial_entry e_block[] = {ENT(CMSFW_SERIAL_BLOCK, "\x00\x01", "\x00\xff")};
static cmsfw_serial_entry e_block_no[] = {ENT(CMSFW_SERIAL_BLOCK, "\x01\x00", "\x01\xff")};
static cmsfw_serial_entry e_block_rev[] = {ENT(CMSFW_SERIAL_BLOCK, "\x00\xff", "\x00\x01")};
static cmsfw_serial_entry e_block_len[] = {ENT(CMSFW_SERIAL_BLOCK, "\x10", "\x00\x00\x01\x00")};
static cmsfw_serial_entry e_block_low[] = {ENT(CMSFW_SERIAL_BLOCK, "\x00\x01", "\x00\x0f")};
static cmsfw_serial_entry e_block_eq[] = {ENT(CMSFW_SERIAL_BLOCK, "\x11", "\x11")};
static cmsfw_serial_entry e_mixed[] = {ENT(CMSFW_SERIAL_SINGLE, "\x00\x11", ""),
                                       ENT(CMSFW_SERIAL_BLOCK, "\x00\x0f", "\x00\x10")};

#define MOD(hw, e, n) {CMSFW_COMMUNITY_MODULES, {NULL, 0}, {(const uint8_t *)hw, sizeof(hw) - 1}, e, n}
static cmsfw_community c_oid[] = {{CMSFW_COMMUNITY_OID, {(const uint8_t *)COMM, sizeof(COMM) - 1},
                                   {NULL, 0}, NULL, 0}};
static cmsfw_community c_oid_other[] = {{CMSFW_COMMUNITY_OID,
                                         {(const uint8_t *)OTHER, sizeof(OTHER) - 1}, {NULL, 0},
                                         NULL, 0}};
static cmsfw_community c_all[] = {MOD(HW, e_all, 1)};
static cmsfw_community c_all_other_hw[] = {MOD(OTHER, e_all, 1)};
static cmsfw_community c_single[] = {MOD(HW, e_single, 1)};
static cmsfw_community c_single_no[] = {MOD(HW, e_single_no, 1)};
static cmsfw_community c_block[] = {MOD(HW, e_block, 1)};
static cmsfw_community c_block_no[] = {MOD(HW, e_block_no, 1)};
static cmsfw_community c_block_rev[] = {MOD(HW, e_block_rev, 1)};
static cmsfw_community c_block_len[] = {MOD(HW, e_block_len, 1)};
static cmsfw_community c_block_eq[] = {MOD(HW, e_block_eq, 1)};
static cmsfw_community c_block_low[] = {MOD(HW, e_block_low, 1)};
static cmsfw_community c_no_entries[] = {MOD(HW, NULL, 0)};
static cmsfw_community c_mixed[] = {MOD(OTHER, e_all, 1), MOD(HW, e_mixed, 2)};

/* community lists; index 0 = attribute absent */
static const struct {
    cmsfw_community *items;
    size_t n;
} comms[] = {{NULL, 0},        {NULL, 0},         {c_oid, 1},        {c_oid_other, 1},
             {c_all, 1},       {c_all_other_hw, 1}, {c_single, 1},   {c_single_no, 1},
             {c_block, 1},     {c_block_no, 1},   {c_block_rev, 1},  {c_block_len, 1},
             {c_block_eq, 1},  {c_no_entries, 1}, {c_mixed, 2},     {c_block_low, 1}};

/* device serials */
static const cmsfw_bytes serials[] = {{(const uint8_t *)"\x00\x10", 2}, {NULL, 0},
                                      {(const uint8_t *)"\x00\x00\x11", 3},
                                      {(const uint8_t *)"\x00\x00\x10", 3}};

/* stale lists */
static const cmsfw_stale_entry st_5[] = {{{(const uint8_t *)PKG, sizeof(PKG) - 1}, 5}};
static const cmsfw_stale_entry st_4[] = {{{(const uint8_t *)PKG, sizeof(PKG) - 1}, 4}};
static const cmsfw_stale_entry st_6[] = {{{(const uint8_t *)LIB, sizeof(LIB) - 1}, 9},
                                         {{(const uint8_t *)PKG, sizeof(PKG) - 1}, 6}};
static const cmsfw_stale_entry st_other[] = {{{(const uint8_t *)LIB, sizeof(LIB) - 1}, 9}};
static const struct {
    const cmsfw_stale_entry *e;
    size_t n;
} stales[] = {{NULL, 0}, {st_5, 1}, {st_4, 1}, {st_6, 2}, {st_other, 1}};

/* installed packages */
#define PREF(oid, v) {{CMSFW_NAME_PREFERRED, {(const uint8_t *)oid, sizeof(oid) - 1}, v, {NULL, 0}}, 0, 0}
#define LEG(s) {{CMSFW_NAME_LEGACY, {NULL, 0}, 0, {(const uint8_t *)s, sizeof(s) - 1}}, 0, 0}
static const cmsfw_installed i_pkg6[] = {PREF(PKG, 6)};
static const cmsfw_installed i_pkg5[] = {PREF(PKG, 5)};
static const cmsfw_installed i_pkg4[] = {PREF(LIB, 1), PREF(PKG, 4)};
static const cmsfw_installed i_lib1[] = {PREF(LIB, 1)};
static const cmsfw_installed i_lib2[] = {PREF(PKG, 4), PREF(LIB, 2)};
static const cmsfw_installed i_lib3[] = {PREF(LIB, 3)};
static const cmsfw_installed i_legacy[] = {LEG("libfoo"), LEG("fw-a")};
static const cmsfw_installed i_leg_bar[] = {LEG("libbar")};
static const struct {
    const cmsfw_installed *p;
    size_t n;
} installs[] = {{NULL, 0},    {i_pkg6, 1}, {i_pkg5, 1},   {i_pkg4, 2},
                {i_lib1, 1},  {i_lib2, 2}, {i_lib3, 1},   {i_legacy, 2},
                {i_leg_bar, 1}};

/* dependency lists of the package */
static cmsfw_pkg_name d_lib2[] = {{CMSFW_NAME_PREFERRED, {(const uint8_t *)LIB, sizeof(LIB) - 1}, 2,
                                   {NULL, 0}}};
static cmsfw_pkg_name d_foo[] = {{CMSFW_NAME_LEGACY, {NULL, 0}, 0,
                                  {(const uint8_t *)"libfoo", 6}}};
static cmsfw_pkg_name d_self6[] = {{CMSFW_NAME_PREFERRED, {(const uint8_t *)PKG, sizeof(PKG) - 1},
                                    6, {NULL, 0}}};
static cmsfw_pkg_name d_fwa[] = {{CMSFW_NAME_LEGACY, {NULL, 0}, 0, {(const uint8_t *)"fw-a", 4}}};
static const struct {
    cmsfw_pkg_name *d;
    size_t n;
} depss[] = {{NULL, 0}, {d_lib2, 1}, {d_foo, 1}, {d_self6, 1}, {d_fwa, 1}};

static const int64_t types_12[] = {1, 2};
static const int64_t types_3[] = {3};

typedef struct pcase {
    const char *what;
    int tgt;         /* targets[] */
    int hw_other;    /* the device is of another hwType */
    int comm;        /* comms[], 0: attribute absent */
    int serial;      /* serials[] */
    int dev_comm;    /* the device belongs to COMM */
    int stale;       /* stales[] */
    int inst;        /* installs[] */
    uint32_t policy;
    uint64_t version;
    int legacy;      /* the package name is legacy "fw-a" */
    int64_t type;    /* fwPkgType, -1 none */
    int dev_types;   /* 0 any, 1 {1,2}, 2 {3} */
    int deps;        /* depss[] */
    cmsfw_err expect;
    int warning;
} pcase;

static const pcase cases[] = {
    {"baseline", 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_OK, 0},
    /* 15 */
    {"empty target list", 1, 0, 0, 0, 0, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_WRONG_HARDWARE, 0},
    {"other hardware", 2, 0, 0, 0, 0, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_WRONG_HARDWARE, 0},
    {"second of two targets", 3, 0, 0, 0, 0, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_OK, 0},
    {"device of another type", 0, 1, 0, 0, 0, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_WRONG_HARDWARE, 0},
    /* 16 */
    {"empty community list", 0, 0, 1, 0, 1, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_NOT_IN_COMMUNITY, 0},
    {"community OID held", 0, 0, 2, 0, 1, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_OK, 0},
    {"community OID not held", 0, 0, 2, 0, 0, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_NOT_IN_COMMUNITY, 0},
    {"other community OID", 0, 0, 3, 0, 1, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_NOT_IN_COMMUNITY, 0},
    {"all", 0, 0, 4, 0, 0, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_OK, 0},
    {"all, serial unknown", 0, 0, 4, 1, 0, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_NOT_IN_COMMUNITY, 0},
    {"all of another hwType", 0, 0, 5, 0, 0, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_NOT_IN_COMMUNITY, 0},
    {"single equal", 0, 0, 6, 0, 0, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_OK, 0},
    {"single, serial unknown", 0, 0, 6, 1, 0, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_NOT_IN_COMMUNITY, 0},
    {"single, padded serial", 0, 0, 6, 3, 0, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_NOT_IN_COMMUNITY, 0},
    {"single other", 0, 0, 7, 0, 0, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_NOT_IN_COMMUNITY, 0},
    {"in block", 0, 0, 8, 0, 0, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_OK, 0},
    {"block, serial unknown", 0, 0, 8, 1, 0, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_NOT_IN_COMMUNITY, 0},
    {"above the block", 0, 0, 15, 0, 0, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_NOT_IN_COMMUNITY, 0},
    {"outside block", 0, 0, 9, 0, 0, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_NOT_IN_COMMUNITY, 0},
    {"block low > high", 0, 0, 10, 0, 0, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_NOT_IN_COMMUNITY, 0},
    {"block, lengths differ", 0, 0, 11, 0, 0, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_OK, 0},
    {"block, left padding", 0, 0, 12, 2, 0, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_OK, 0},
    {"block, 0x11 vs 0x10", 0, 0, 12, 0, 0, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_NOT_IN_COMMUNITY, 0},
    {"no serial entries", 0, 0, 13, 0, 0, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_NOT_IN_COMMUNITY, 0},
    {"second community, second entry", 0, 0, 14, 0, 0, 0, 0, 0, 5, 0, -1, 0, 0, CMSFW_OK, 0},
    /* 17 */
    {"stale at the listed version", 0, 0, 0, 0, 0, 1, 0, 0, 5, 0, -1, 0, 0, CMSFW_STALE_PACKAGE, 0},
    {"above the stale version", 0, 0, 0, 0, 0, 2, 0, 0, 5, 0, -1, 0, 0, CMSFW_OK, 0},
    {"below the stale version", 0, 0, 0, 0, 0, 3, 0, 0, 5, 0, -1, 0, 0, CMSFW_STALE_PACKAGE, 0},
    {"stale entry of another package", 0, 0, 0, 0, 0, 4, 0, 0, 5, 0, -1, 0, 0, CMSFW_OK, 0},
    {"rollback", 0, 0, 0, 0, 0, 0, 1, 0, 5, 0, -1, 0, 0, CMSFW_STALE_PACKAGE, 0},
    {"rollback allowed", 0, 0, 0, 0, 0, 0, 1, CMSFW_POLICY_ALLOW_DOWNGRADE, 5, 0, -1, 0, 0,
     CMSFW_OK, 1},
    {"downgrade does not lift the stale list", 0, 0, 0, 0, 0, 1, 1, CMSFW_POLICY_ALLOW_DOWNGRADE,
     5, 0, -1, 0, 0, CMSFW_STALE_PACKAGE, 0},
    {"re-install", 0, 0, 0, 0, 0, 0, 2, 0, 5, 0, -1, 0, 0, CMSFW_OK, 0},
    {"upgrade", 0, 0, 0, 0, 0, 0, 3, 0, 5, 0, -1, 0, 0, CMSFW_OK, 0},
    {"legacy name: no stale decision", 0, 0, 0, 0, 0, 1, 7, 0, 5, 1, -1, 0, 0, CMSFW_OK, 0},
    /* 18 */
    {"type not supported", 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 3, 1, 0, CMSFW_UNSUPPORTED_PACKAGE_TYPE,
     0},
    {"type supported", 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 3, 2, 0, CMSFW_OK, 0},
    {"any type", 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 3, 0, 0, CMSFW_OK, 0},
    {"no type", 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, -1, 1, 0, CMSFW_OK, 0},
    /* 19 */
    {"dependency missing", 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, -1, 0, 1, CMSFW_MISSING_DEPENDENCY, 0},
    {"dependency too old", 0, 0, 0, 0, 0, 0, 4, 0, 5, 0, -1, 0, 1,
     CMSFW_WRONG_DEPENDENCY_VERSION, 0},
    {"dependency at its minimum", 0, 0, 0, 0, 0, 0, 5, 0, 5, 0, -1, 0, 1, CMSFW_OK, 0},
    {"dependency above its minimum", 0, 0, 0, 0, 0, 0, 6, 0, 5, 0, -1, 0, 1, CMSFW_OK, 0},
    {"legacy dependency, same name installed", 0, 0, 0, 0, 0, 0, 7, 0, 5, 0, -1, 0, 2,
     CMSFW_MISSING_DEPENDENCY, 0},
    {"legacy dependency absent", 0, 0, 0, 0, 0, 0, 8, 0, 5, 0, -1, 0, 2,
     CMSFW_MISSING_DEPENDENCY, 0},
    {"legacy dependency, only preferred installed", 0, 0, 0, 0, 0, 0, 6, 0, 5, 0, -1, 0, 2,
     CMSFW_MISSING_DEPENDENCY, 0},
    /* 20 */
    {"replacing what its own dependency needs", 0, 0, 0, 0, 0, 0, 1,
     CMSFW_POLICY_ALLOW_DOWNGRADE, 5, 0, -1, 0, 3, CMSFW_BREAKS_DEPENDENCY, 1},
    {"replacement still satisfies it", 0, 0, 0, 0, 0, 0, 1, 0, 7, 0, -1, 0, 3, CMSFW_OK, 0},
    {"legacy self-dependency", 0, 0, 0, 0, 0, 0, 7, 0, 5, 1, -1, 0, 4, CMSFW_MISSING_DEPENDENCY, 0},
};

static void
setup(const pcase *pc, cmsfw__signed *s, cmsfw_device *dev, cmsfw_bytes *dev_comm)
{
    memset(s, 0, sizeof *s);
    memset(dev, 0, sizeof *dev);
    s->authenticated = 1;
    s->has_pkg_id = 1;
    if (pc->legacy) {
        s->pkg_id.name.form = CMSFW_NAME_LEGACY;
        s->pkg_id.name.legacy = BL("fw-a");
    } else {
        s->pkg_id.name.form = CMSFW_NAME_PREFERRED;
        s->pkg_id.name.oid = BL(PKG);
        s->pkg_id.name.version = pc->version;
    }
    s->targets = targets[pc->tgt];
    if (pc->comm > 0) {
        s->has_communities = 1;
        s->communities.items = comms[pc->comm].items;
        s->communities.n = comms[pc->comm].n;
    }
    if (pc->type >= 0 || pc->deps > 0) {
        s->has_info = 1;
        s->info.has_type = pc->type >= 0;
        s->info.type = pc->type;
        s->info.has_deps = pc->deps > 0;
        s->info.deps = depss[pc->deps].d;
        s->info.n_deps = depss[pc->deps].n;
    }
    dev->hw_type = pc->hw_other ? BL(OTHER) : BL(HW);
    dev->hw_serial = serials[pc->serial];
    *dev_comm = BL(COMM);
    dev->communities = pc->dev_comm ? dev_comm : NULL;
    dev->n_communities = pc->dev_comm ? 1 : 0;
    dev->stale = stales[pc->stale].e;
    dev->n_stale = stales[pc->stale].n;
    dev->installed = installs[pc->inst].p;
    dev->n_installed = installs[pc->inst].n;
    dev->policy = pc->policy;
    dev->pkg_types = pc->dev_types == 1 ? types_12 : pc->dev_types == 2 ? types_3 : NULL;
    dev->n_pkg_types = pc->dev_types == 1 ? 2 : pc->dev_types == 2 ? 1 : 0;
}

static void
t_table(void)
{
    cmsfw__signed s;
    cmsfw_device dev;
    cmsfw_bytes comm;
    cmsfw_result res;
    cmsfw_diag d;
    cmsfw_err e;
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        setup(&cases[i], &s, &dev, &comm);
        memset(&res, 0, sizeof res);
        d.msg[0] = '\0';
        e = cmsfw__check_policy(&s, &dev, &res, &d);
        if (e != cases[i].expect || res.downgrade_warning != cases[i].warning)
            printf("\n  case \"%s\": got %s, warning %d (%s)\n", cases[i].what, cmsfw_err_name(e),
                   res.downgrade_warning, d.msg);
        CU_ASSERT_EQUAL(e, cases[i].expect);
        CU_ASSERT_EQUAL(res.downgrade_warning, cases[i].warning);
        /* the result may be omitted */
        CU_ASSERT_EQUAL(cmsfw__check_policy(&s, &dev, NULL, NULL), cases[i].expect);
    }
}

static void
t_preconditions(void)
{
    cmsfw__signed s;
    cmsfw_device dev;
    cmsfw_bytes comm;

    setup(&cases[0], &s, &dev, &comm);
    CU_ASSERT_EQUAL(cmsfw__check_policy(&s, &dev, NULL, NULL), CMSFW_OK);
    s.authenticated = 0;
    CU_ASSERT_EQUAL(cmsfw__check_policy(&s, &dev, NULL, NULL), CMSFW_E_STATE);
    s.authenticated = 1;
    CU_ASSERT_EQUAL(cmsfw__check_policy(NULL, &dev, NULL, NULL), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw__check_policy(&s, NULL, NULL, NULL), CMSFW_E_ARG);
}

/* Steps 6-14 then 15-20 on a built package: the policy reads what the
 * signature check decoded. */
static void
t_end_to_end(void)
{
    static ck c;
    static const uint8_t comm_attr[] = "\x30\x0c\x06\x0a" COMM;
    cmsfw__signed s;
    cmsfw_bytes comm = BL(COMM);

    ck_init(&c);
    ck_set_attr(&c, LIT(CMSFW__OID_AT_COMMUNITIES), comm_attr, sizeof comm_attr - 1);
    CU_ASSERT_EQUAL_FATAL(ck_run(&c, &s), CMSFW_OK);
    CU_ASSERT_EQUAL(s.has_communities, 1);
    CU_ASSERT_EQUAL(cmsfw__check_policy(&s, &c.dev, NULL, NULL), CMSFW_NOT_IN_COMMUNITY);
    c.dev.communities = &comm;
    c.dev.n_communities = 1;
    CU_ASSERT_EQUAL(cmsfw__check_policy(&s, &c.dev, NULL, NULL), CMSFW_OK);
    c.dev.hw_type = BL(OTHER);
    CU_ASSERT_EQUAL(cmsfw__check_policy(&s, &c.dev, NULL, NULL), CMSFW_WRONG_HARDWARE);
    cmsfw__signed_free(&s);
    ck_free(&c);
}

static CU_TestInfo tests[] = {
    {"steps 15-20, table", t_table},
    {"preconditions", t_preconditions},
    {"after a real signature check", t_end_to_end},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"checks-policy", NULL, NULL, NULL, NULL, tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return cu_run(suites);
}
