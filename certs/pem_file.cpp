#include "certs/pem_file.hpp"

#include "certs/issuer.hpp"
#include "certs/openssl_handles.hpp"

#include <openssl/pem.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <system_error>

namespace athil::certs {
namespace {

[[noreturn]] void throw_errno(const std::string& what, const std::filesystem::path& path) {
    throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

// Closes the descriptor on every path out of write_file.
class fd_guard {
public:
    explicit fd_guard(int fd)
        : fd_(fd) {}
    fd_guard(const fd_guard&) = delete;
    fd_guard& operator=(const fd_guard&) = delete;
    ~fd_guard() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    int get() const { return fd_; }

private:
    int fd_;
};

void write_file(const std::filesystem::path& path, std::string_view text, mode_t mode) {
    // Created with the final mode and fchmod'ed as well: O_CREAT's mode is filtered by the
    // umask and ignored for a file that already exists.
    const fd_guard fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode));
    if (fd.get() < 0) {
        throw_errno("cannot create", path);
    }
    if (::fchmod(fd.get(), mode) != 0) {
        throw_errno("cannot set the mode of", path);
    }
    while (!text.empty()) {
        const ssize_t written = ::write(fd.get(), text.data(), text.size());
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw_errno("cannot write", path);
        }
        text.remove_prefix(static_cast<std::size_t>(written));
    }
}

std::string drain(BIO* bio) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return {data, static_cast<std::size_t>(size)};
}

bio_ptr memory_bio() {
    bio_ptr bio(BIO_new(BIO_s_mem()));
    if (!bio) {
        throw_openssl_error("allocating a memory BIO");
    }
    return bio;
}

} // namespace

void write_pem_certificate(const std::filesystem::path& path, X509* cert) {
    const bio_ptr bio = memory_bio();
    if (PEM_write_bio_X509(bio.get(), cert) != 1) {
        throw_openssl_error("PEM-encoding " + path.filename().string());
    }
    write_file(path, drain(bio.get()), 0644);
}

void write_pem_private_key(const std::filesystem::path& path, EVP_PKEY* key) {
    const bio_ptr bio = memory_bio();
    if (PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        throw_openssl_error("PEM-encoding " + path.filename().string());
    }
    write_file(path, drain(bio.get()), 0600);
}

std::string read_pem_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw_errno("cannot open", path);
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace athil::certs
