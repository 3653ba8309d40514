package dev.glivy.livy.aws.internal;

import dev.glivy.SessionBackendException;
import dev.glivy.SessionException;
import dev.glivy.SessionTransportException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.Instance;
import software.amazon.awssdk.services.emr.model.InstanceFleetType;
import software.amazon.awssdk.services.emr.model.InstanceGroupType;
import software.amazon.awssdk.services.emr.model.InstanceState;
import software.amazon.awssdk.services.emr.model.ListInstancesRequest;
import software.amazon.awssdk.services.emr.model.Tag;

/**
 * Finds the Livy URL of an EMR cluster, by id ({@code DescribeCluster}) or by tags ({@code ListClusters} in the
 * running states, every page, then {@code DescribeCluster} for each one's tags), and reads the master's address:
 * {@code MasterPublicDnsName} (which EMR sets to the private DNS name in a private subnet), or the master instance's
 * private DNS name or IP ({@code ListInstances} of the {@code MASTER} group or fleet). Only {@code RUNNING} and
 * {@code WAITING} clusters count: before that Livy is not up, after that it is gone.
 *
 * <p>Failures are {@link SessionException}s: none matching is retryable (a replacement may be starting), several
 * matching or a cluster id that is not running is not; AWS errors keep their status and error code. Thread-safe
 * (the EMR client is).
 */
public final class ClusterFinder {
    private static final Set<ClusterState> RUNNING = Set.of(ClusterState.RUNNING, ClusterState.WAITING);
    private static final String BACKEND = "livy";

    /** Which address of the master node Livy is reached at. */
    public enum Address {
        /** {@code MasterPublicDnsName}. */
        PUBLIC_DNS,
        /** The master instance's private DNS name. */
        PRIVATE_DNS,
        /** The master instance's private IP address. */
        PRIVATE_IP
    }

    private final EmrClient emr;
    private final @Nullable String clusterId;
    private final Map<String, String> tags;
    private final Address address;
    private final String scheme;
    private final int port;
    private final String path;

    /**
     * A finder.
     *
     * @param emr the EMR client (not closed here)
     * @param clusterId the cluster id, or {@code null} to search by {@code tags}
     * @param tags the tags every match must carry (key to value), used when {@code clusterId} is {@code null}
     * @param address which master address to use
     * @param scheme {@code http} or {@code https}
     * @param port Livy's port
     * @param path a path prefix ({@code ""} for none)
     */
    public ClusterFinder(
            EmrClient emr,
            @Nullable String clusterId,
            Map<String, String> tags,
            Address address,
            String scheme,
            int port,
            String path) {
        this.emr = Objects.requireNonNull(emr, "emr must not be null");
        this.clusterId = clusterId;
        this.tags = Map.copyOf(tags);
        this.address = address;
        this.scheme = scheme;
        this.port = port;
        this.path = path;
    }

    /** What is searched for, for messages: {@code cluster j-1} or {@code running cluster with tags {k=v}}. */
    public String what() {
        return clusterId != null ? "EMR cluster " + clusterId : "running EMR cluster with tags " + tags;
    }

    /** Looks the cluster up now and returns its Livy URL. */
    public URI find() {
        try {
            Cluster c = clusterId != null ? byId(clusterId) : byTags();
            String host = host(c);
            return URI.create(scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + path);
        } catch (AwsServiceException e) {
            int status = e.statusCode();
            String code =
                    e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            boolean retryable = e.isThrottlingException() || status >= 500;
            throw new SessionBackendException(
                    "Could not find the " + what() + ": EMR answered HTTP " + status
                            + (code == null ? "" : " " + code) + " ("
                            + e.awsErrorDetails().errorMessage() + ")"
                            + (status == 400 || status == 403
                                    ? "; check the region and that you may call "
                                            + "elasticmapreduce:DescribeCluster, ListClusters and ListInstances"
                                    : ""),
                    e,
                    null,
                    BACKEND,
                    status,
                    code,
                    e.requestId(),
                    retryable);
        } catch (SdkClientException e) {
            throw new SessionTransportException(
                    "Could not find the " + what() + ": could not reach EMR (" + e.getMessage() + ")",
                    e,
                    null,
                    BACKEND,
                    false);
        } catch (SdkException e) {
            throw new SessionTransportException(
                    "Could not find the " + what() + ": " + e.getMessage(), e, null, BACKEND, true);
        }
    }

    private Cluster byId(String id) {
        Cluster c = emr.describeCluster(r -> r.clusterId(id)).cluster();
        ClusterState state = c.status() == null ? null : c.status().state();
        if (!RUNNING.contains(state)) {
            String why = c.status() == null || c.status().stateChangeReason() == null
                    ? ""
                    : " (" + c.status().stateChangeReason().message() + ")";
            throw new SessionException(
                    "EMR cluster " + id + " (" + c.name() + ") is " + state + why + ", not "
                            + "RUNNING or WAITING, so its Livy cannot be reached; start a new cluster, or find it by tag",
                    null,
                    null,
                    BACKEND,
                    state == ClusterState.STARTING || state == ClusterState.BOOTSTRAPPING);
        }
        return c;
    }

    private Cluster byTags() {
        List<Cluster> matches = new ArrayList<>();
        int seen = 0;
        for (ClusterSummary s :
                emr.listClustersPaginator(r -> r.clusterStates(RUNNING)).clusters()) {
            seen++;
            Cluster c = emr.describeCluster(r -> r.clusterId(s.id())).cluster();
            if (carriesTags(c) && RUNNING.contains(c.status().state())) {
                matches.add(c);
            }
        }
        if (matches.isEmpty()) {
            throw new SessionException(
                    "No " + what() + " (" + seen + " running or waiting cluster(s) checked); "
                            + "start one with these tags, or check the region and the tag values",
                    null,
                    null,
                    BACKEND,
                    true);
        }
        if (matches.size() > 1) {
            StringJoiner list = new StringJoiner(", ");
            for (Cluster c : matches) {
                list.add(c.id() + " (" + c.name() + ", " + c.status().state() + ")");
            }
            throw new SessionException(
                    matches.size() + " EMR clusters match tags " + tags + ": " + list + "; add a "
                            + "tag that tells them apart, or choose one by cluster id",
                    null,
                    null,
                    BACKEND,
                    false);
        }
        return matches.get(0);
    }

    private boolean carriesTags(Cluster c) {
        for (Map.Entry<String, String> want : tags.entrySet()) {
            boolean found = false;
            for (Tag t : c.tags()) {
                if (want.getKey().equals(t.key()) && want.getValue().equals(t.value())) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private String host(Cluster c) {
        if (address == Address.PUBLIC_DNS) {
            String dns = c.masterPublicDnsName();
            if (dns == null || dns.isBlank()) {
                throw new SessionException(
                        "EMR cluster " + c.id() + " has no MasterPublicDnsName yet; try again "
                                + "once it is RUNNING, or use the private address",
                        null,
                        null,
                        BACKEND,
                        true);
            }
            return dns;
        }
        Instance master = master(
                c.id(),
                ListInstancesRequest.builder()
                        .clusterId(c.id())
                        .instanceGroupTypes(InstanceGroupType.MASTER)
                        .build());
        if (master == null) {
            master = master(
                    c.id(),
                    ListInstancesRequest.builder()
                            .clusterId(c.id())
                            .instanceFleetType(InstanceFleetType.MASTER)
                            .build());
        }
        String host = master == null
                ? null
                : address == Address.PRIVATE_IP ? master.privateIpAddress() : master.privateDnsName();
        if (host == null || host.isBlank()) {
            throw new SessionException(
                    "EMR cluster " + c.id() + " has no running master instance with a "
                            + (address == Address.PRIVATE_IP ? "private IP address" : "private DNS name") + " yet",
                    null,
                    null,
                    BACKEND,
                    true);
        }
        return host;
    }

    private @Nullable Instance master(String id, ListInstancesRequest request) {
        for (Instance i : emr.listInstancesPaginator(request).instances()) {
            InstanceState st = i.status() == null ? null : i.status().state();
            if (st == InstanceState.RUNNING || st == null) {
                return i;
            }
        }
        return null;
    }
}
